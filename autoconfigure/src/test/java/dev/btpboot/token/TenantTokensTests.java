package dev.btpboot.token;

import java.time.Clock;
import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.btpboot.binding.ConnectivityCredentials;
import dev.btpboot.binding.DestinationCredentials;
import dev.btpboot.binding.IdentityCredentials;
import dev.btpboot.binding.OAuthClientCredentials;
import dev.btpboot.binding.SaasRegistryCredentials;
import dev.btpboot.binding.XsuaaCredentials;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.exactly;
import static com.github.tomakehurst.wiremock.client.WireMock.notContaining;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static dev.btpboot.token.TokenTestSupport.SECRET;
import static dev.btpboot.token.TokenTestSupport.tokenResponse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tenants addressed by id (issue 20 §1): XSUAA-issued clients of every service ask for another
 * tenant at the binding's token URL as it is, with {@code x-zid}, as SAP's Cloud SDK does, also
 * where that URL has no subdomain to swap (a local or custom token host); the binding's own tenant
 * is recognised by {@code tenantid}, {@code zoneid}, {@code identityzoneid} or
 * {@code identityzone}. IAS tokens for a subscriber come from the subscriber's IAS host with
 * {@code app_tid}. Against WireMock as the token endpoints.
 */
class TenantTokensTests {

	private static final String XSUAA_TOKEN_PATH = "/oauth/token";

	private static final String IAS_TOKEN_PATH = "/oauth2/token";

	private static final String PROVIDER_ZONE = "5d0e9c4b-provider-zone";

	private static final String TENANT_A = "3f8b2c1a-tenant-a";

	private static final String TENANT_B = "9a7c6e5d-tenant-b";

	private static final String PROVIDER_IAS = "provider.accounts.localtest";

	private static final String SUBSCRIBER_IAS = "subscriber.accounts.localtest";

	@RegisterExtension
	static final WireMockExtension xsuaa = WireMockExtension.newInstance()
		.options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"))
		.build();

	private final TokenProviderFactory factory = TokenTestSupport.factory(new TokenProperties(), Clock.systemUTC(),
			Runnable::run, TokenObserver.Factory.NONE, null, 0, new TokenTestSupport.RecordingSleeper());

	/** Answers each tenant's request with a token of that tenant, so a mix-up shows. */
	private static void stubTenantTokens() {
		xsuaa.stubFor(post(XSUAA_TOKEN_PATH).willReturn(okJson(tokenResponse("provider-token", 3600))));
		for (String tenant : List.of(TENANT_A, TENANT_B)) {
			xsuaa.stubFor(post(XSUAA_TOKEN_PATH).withHeader("x-zid", equalTo(tenant))
				.willReturn(okJson(tokenResponse(TokenTestSupport.jwt("{\"zid\":\"" + tenant + "\"}"), 3600))));
		}
	}

	/** A token host without a subdomain label, as locally or behind a custom domain. */
	private static String localTokenUrl() {
		return "http://127.0.0.1:" + xsuaa.getPort();
	}

	private XsuaaIssuedTokenProvider destination(Map<String, Object> ownTenant) {
		Map<String, Object> credentials = new java.util.LinkedHashMap<>(Map.of("clientid", "sb-dest", "clientsecret",
				SECRET, "url", localTokenUrl(), "uri", "https://destination-configuration.example"));
		credentials.putAll(ownTenant);
		return this.factory
			.xsuaaIssuedProvider(DestinationCredentials.from(TokenTestSupport.binding("dest", "destination", credentials)));
	}

	@Test
	void anotherTenantIsAskedForAtTheBindingUrlAsItIsWithItsZoneId() {
		stubTenantTokens();
		XsuaaIssuedTokenProvider provider = destination(Map.of("tenantid", PROVIDER_ZONE));
		assertThat(provider.clientCredentialsForTenant(TENANT_A).value()).contains(".");
		assertThat(provider.clientCredentialsForTenant(TENANT_B).value())
			.isEqualTo(TokenTestSupport.jwt("{\"zid\":\"" + TENANT_B + "\"}"));
		assertThat(provider.clientCredentialsForTenant(TENANT_A)).isSameAs(provider.clientCredentialsForTenant(TENANT_A));
		xsuaa.verify(exactly(1), postRequestedFor(urlEqualTo(XSUAA_TOKEN_PATH)).withHeader("x-zid", equalTo(TENANT_A))
			.withHeader("Host", equalTo("127.0.0.1:" + xsuaa.getPort()))
			.withRequestBody(containing("grant_type=client_credentials")));
		xsuaa.verify(exactly(1), postRequestedFor(urlEqualTo(XSUAA_TOKEN_PATH)).withHeader("x-zid", equalTo(TENANT_B)));
		assertThat(provider.cache().size()).isEqualTo(2);
	}

	@Test
	void theOwnTenantIsRecognisedByEachFieldThatNamesItAndSharesOneEntry() {
		stubTenantTokens();
		for (String field : List.of("tenantid", "zoneid", "identityzoneid")) {
			XsuaaIssuedTokenProvider provider = destination(Map.of(field, PROVIDER_ZONE));
			assertThat(provider.clientCredentialsForTenant(PROVIDER_ZONE)).as(field).isSameAs(provider.clientCredentials());
			assertThat(provider.cache().size()).as(field).isEqualTo(1);
		}
		XsuaaIssuedTokenProvider bySubdomain = destination(Map.of("identityzone", "provider"));
		assertThat(bySubdomain.clientCredentialsForTenant("provider")).isSameAs(bySubdomain.clientCredentials());
		xsuaa.verify(exactly(4), postRequestedFor(urlEqualTo(XSUAA_TOKEN_PATH)).withHeader("x-zid", absent()));
	}

	@Test
	void everyXsuaaIssuedServiceAddressesTenantsById() {
		stubTenantTokens();
		Map<String, OAuthClientCredentials> bindings = Map.of("xsuaa",
				XsuaaCredentials.from(TokenTestSupport.binding("uaa", "xsuaa",
						Map.of("clientid", "sb-app", "clientsecret", SECRET, "url", localTokenUrl(), "uaadomain",
								"localhost", "xsappname", "app", "zoneid", PROVIDER_ZONE))),
				"connectivity",
				ConnectivityCredentials.from(TokenTestSupport.binding("conn", "connectivity",
						Map.of("clientid", "sb-conn", "clientsecret", SECRET, "token_service_url", localTokenUrl(),
								"identityzone", "provider", "tenantid", PROVIDER_ZONE))),
				"saas-registry",
				SaasRegistryCredentials.from(TokenTestSupport.binding("registry", "saas-registry",
						Map.of("clientid", "sb-reg", "clientsecret", SECRET, "url", localTokenUrl(),
								"saas_registry_url", "https://saas-manager.example", "tenantid", PROVIDER_ZONE))));
		bindings.forEach((service, credentials) -> {
			XsuaaIssuedTokenProvider provider = this.factory.xsuaaIssuedProvider(credentials);
			assertThat(provider.clientCredentialsForTenant(TENANT_A).value()).as(service)
				.isEqualTo(TokenTestSupport.jwt("{\"zid\":\"" + TENANT_A + "\"}"));
			assertThat(provider.clientCredentialsForTenant(PROVIDER_ZONE)).as(service)
				.isSameAs(provider.clientCredentials());
		});
		xsuaa.verify(exactly(3), postRequestedFor(urlEqualTo(XSUAA_TOKEN_PATH)).withHeader("x-zid", equalTo(TENANT_A)));
		xsuaa.verify(exactly(3), postRequestedFor(urlEqualTo(XSUAA_TOKEN_PATH)).withHeader("x-zid", absent()));
	}

	@Test
	void aUsersTokenIsExchangedInTheUsersZone() {
		stubTenantTokens();
		XsuaaIssuedTokenProvider provider = destination(Map.of("tenantid", PROVIDER_ZONE, "identityzone", "provider"));
		String subscriberUser = TokenTestSupport.jwt("{\"user_name\":\"alice\",\"zid\":\"" + TENANT_A
				+ "\",\"ext_attr\":{\"zdn\":\"tenant-a\"}}");
		String iasUser = TokenTestSupport.jwt("{\"sub\":\"bob\",\"app_tid\":\"" + TENANT_B + "\"}");
		String providerUser = TokenTestSupport.jwt("{\"user_name\":\"carol\",\"zid\":\"" + PROVIDER_ZONE + "\"}");
		provider.jwtBearer(subscriberUser);
		provider.jwtBearer(iasUser);
		provider.jwtBearer(providerUser);
		xsuaa.verify(exactly(1), postRequestedFor(urlEqualTo(XSUAA_TOKEN_PATH)).withHeader("x-zid", equalTo(TENANT_A))
			.withHeader("Host", equalTo("127.0.0.1:" + xsuaa.getPort()))
			.withRequestBody(containing("assertion=" + subscriberUser)));
		xsuaa.verify(exactly(1), postRequestedFor(urlEqualTo(XSUAA_TOKEN_PATH)).withHeader("x-zid", equalTo(TENANT_B))
			.withRequestBody(containing("assertion=" + iasUser)));
		xsuaa.verify(exactly(1), postRequestedFor(urlEqualTo(XSUAA_TOKEN_PATH)).withHeader("x-zid", absent())
			.withRequestBody(containing("assertion=" + providerUser)));
	}

	@Test
	void aTenantIdThatCouldBreakAHeaderIsRefusedBeforeAnyRequest() {
		XsuaaIssuedTokenProvider provider = destination(Map.of());
		assertThatIllegalArgumentException().isThrownBy(() -> provider.clientCredentialsForTenant("a\r\nx-zid: b"))
			.withMessageNotContaining("\n");
		assertThatIllegalArgumentException().isThrownBy(() -> provider.clientCredentialsForTenant(" "));
		assertThat(xsuaa.getAllServeEvents()).isEmpty();
	}

	@Test
	void evictingATenantForgetsItsTokensAndThoseOfItsUsersOnly() {
		stubTenantTokens();
		xsuaa.stubFor(post(XSUAA_TOKEN_PATH).withRequestBody(containing("grant_type=urn"))
			.withHeader("x-zid", equalTo(TENANT_A))
			.willReturn(okJson(tokenResponse(TokenTestSupport.jwt("{\"zid\":\"" + TENANT_A + "\",\"user\":1}"), 3600))));
		XsuaaIssuedTokenProvider provider = destination(Map.of("tenantid", PROVIDER_ZONE));
		provider.clientCredentials();
		provider.clientCredentialsForTenant(TENANT_A);
		provider.clientCredentialsForTenant(TENANT_B);
		provider.jwtBearer(TokenTestSupport.jwt("{\"user_name\":\"alice\",\"zid\":\"" + TENANT_A + "\"}"));
		assertThat(provider.cache().size()).isEqualTo(4);
		provider.evictTenant(TENANT_A);
		assertThat(provider.cache().size()).isEqualTo(2);
		provider.clientCredentialsForTenant(TENANT_B);
		provider.clientCredentialsForTenant(TENANT_A);
		xsuaa.verify(exactly(1), postRequestedFor(urlEqualTo(XSUAA_TOKEN_PATH)).withHeader("x-zid", equalTo(TENANT_B)));
		xsuaa.verify(exactly(2), postRequestedFor(urlEqualTo(XSUAA_TOKEN_PATH)).withHeader("x-zid", equalTo(TENANT_A))
			.withRequestBody(containing("grant_type=client_credentials")));
	}

	/**
	 * IAS tenants at hosts of their own, {@code provider.accounts.localtest} and
	 * {@code subscriber.accounts.localtest}; without DNS in tests, the HTTP client reaches them
	 * through WireMock acting as HTTP proxy, which sees the real host in the request line and
	 * {@code Host} header.
	 */
	private IdentityTokenProvider ias() {
		TokenProviderFactory throughWireMock = TokenTestSupport.factory(new TokenProperties(), Clock.systemUTC(),
				Runnable::run, TokenObserver.Factory.NONE, null, xsuaa.getPort(), new TokenTestSupport.RecordingSleeper());
		return throughWireMock.identity(IdentityCredentials.from(TokenTestSupport.binding("ias", "identity",
				Map.of("clientid", "ias-client", "clientsecret", SECRET, "url", "http://" + PROVIDER_IAS, "domains",
						List.of("accounts.localtest"), "app_tid", PROVIDER_ZONE))));
	}

	@Test
	void iasTokensOfASubscriberComeFromItsOwnHostWithItsAppTenantId() {
		xsuaa.stubFor(post(IAS_TOKEN_PATH).withHeader("Host", equalTo(SUBSCRIBER_IAS))
			.willReturn(okJson(tokenResponse("subscriber-ias-token", 3600))));
		xsuaa.stubFor(post(IAS_TOKEN_PATH).withHeader("Host", equalTo(PROVIDER_IAS))
			.willReturn(okJson(tokenResponse("provider-ias-token", 3600))));
		IdentityTokenProvider provider = ias();
		assertThat(provider.clientCredentialsForTenant(TENANT_A, SUBSCRIBER_IAS).value())
			.isEqualTo("subscriber-ias-token");
		assertThat(provider.clientCredentialsForTenant(TENANT_A, SUBSCRIBER_IAS).value())
			.isEqualTo("subscriber-ias-token");
		assertThat(provider.clientCredentialsForTenant(PROVIDER_ZONE, SUBSCRIBER_IAS).value())
			.isEqualTo("provider-ias-token");
		xsuaa.verify(exactly(1), postRequestedFor(urlEqualTo(IAS_TOKEN_PATH)).withHeader("Host", equalTo(SUBSCRIBER_IAS))
			.withRequestBody(containing("app_tid=" + TENANT_A))
			.withRequestBody(containing("grant_type=client_credentials")));
		xsuaa.verify(exactly(1), postRequestedFor(urlEqualTo(IAS_TOKEN_PATH)).withHeader("Host", equalTo(PROVIDER_IAS))
			.withRequestBody(notContaining("app_tid")));
	}

	@Test
	void anIasSubscribersUserIsExchangedAtTheHostThatIssuedItsToken() {
		xsuaa.stubFor(post(IAS_TOKEN_PATH).withHeader("Host", equalTo(SUBSCRIBER_IAS))
			.willReturn(okJson(tokenResponse("subscriber-user-token", 3600))));
		String user = TokenTestSupport
			.jwt("{\"sub\":\"dave\",\"iss\":\"https://" + SUBSCRIBER_IAS + "\",\"app_tid\":\"" + TENANT_A + "\"}");
		assertThat(ias().jwtBearer(user).value()).isEqualTo("subscriber-user-token");
		xsuaa.verify(exactly(1), postRequestedFor(urlEqualTo(IAS_TOKEN_PATH)).withHeader("Host", equalTo(SUBSCRIBER_IAS))
			.withRequestBody(containing("assertion=" + user))
			.withRequestBody(containing("app_tid=" + TENANT_A)));
	}

	@Test
	void anIasHostTheBindingDoesNotTrustGetsNoCredentials() {
		IdentityTokenProvider provider = ias();
		assertThatIllegalArgumentException()
			.isThrownBy(() -> provider.clientCredentialsForTenant(TENANT_A, "evil.example.com"))
			.withMessageContaining("does not trust host 'evil.example.com'")
			.withMessageContaining("[accounts.localtest]");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> provider.clientCredentialsForTenant(TENANT_A, "accounts.localtest.evil.com"));
		assertThatExceptionOfType(UnsupportedOperationException.class)
			.isThrownBy(() -> provider.clientCredentialsForTenant(TENANT_A))
			.withMessageContaining("clientCredentialsForTenant(tenantId, iasHost)");
		assertThat(xsuaa.getAllServeEvents()).isEmpty();
	}

}
