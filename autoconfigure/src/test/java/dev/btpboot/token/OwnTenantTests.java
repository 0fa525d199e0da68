package dev.btpboot.token;

import java.util.Map;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.btpboot.binding.ConnectivityCredentials;
import dev.btpboot.binding.XsuaaCredentials;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.exactly;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static dev.btpboot.token.TokenTestSupport.SECRET;
import static dev.btpboot.token.TokenTestSupport.tokenResponse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Users of the binding's own tenant (issue 9 §4): their tenant is the binding's URL as it is, also
 * when that URL has no subdomain (a local token endpoint, a custom domain), and one cache entry
 * with {@code clientCredentials()}. Another tenant that such a URL cannot address is a
 * {@link TokenRequestException}, never an {@link IllegalArgumentException}.
 */
class OwnTenantTests {

	private static final String TOKEN_PATH = "/oauth/token";

	@RegisterExtension
	static final WireMockExtension server = WireMockExtension.newInstance()
		.options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"))
		.build();

	/** Reaches the binding's host through WireMock as HTTP proxy when it is not 127.0.0.1 (no DNS in tests). */
	private XsuaaIssuedTokenProvider xsuaa(String url, int proxyPort) {
		TokenProviderFactory factory = TokenTestSupport.factory(new TokenProperties(), java.time.Clock.systemUTC(),
				Runnable::run, TokenObserver.Factory.NONE, null, proxyPort, new TokenTestSupport.RecordingSleeper());
		return factory.xsuaaIssuedProvider(XsuaaCredentials.from(TokenTestSupport.binding("own-xsuaa", "xsuaa",
						Map.of("clientid", "sb-own", "clientsecret", SECRET, "url", url, "uaadomain", "localhost",
								"xsappname", "own", "identityzone", "provider"))));
	}

	private String localUrl() {
		return "http://127.0.0.1:" + server.getPort();
	}

	@Test
	void theOwnTenantOfALocalTokenEndpointSharesTheEntryOfClientCredentials() {
		server.stubFor(post(TOKEN_PATH).willReturn(okJson(tokenResponse("own-token", 3600))));
		XsuaaIssuedTokenProvider provider = xsuaa(localUrl(), 0);
		assertThat(provider.clientCredentials("provider").value()).isEqualTo("own-token");
		assertThat(provider.clientCredentials("PROVIDER")).isSameAs(provider.clientCredentials());
		assertThat(provider.cache().size()).isEqualTo(1);
		server.verify(exactly(1), postRequestedFor(urlEqualTo(TOKEN_PATH))
			.withHeader("Host", equalTo("127.0.0.1:" + server.getPort())));
	}

	@Test
	void aUserOfTheOwnTenantIsExchangedAtTheBindingUrlUnchanged() {
		server.stubFor(post(TOKEN_PATH).willReturn(okJson(tokenResponse("user-token", 3600))));
		String user = TokenTestSupport.jwt("{\"sub\":\"alice\",\"ext_attr\":{\"zdn\":\"provider\"}}");
		assertThat(xsuaa(localUrl(), 0).jwtBearer(user).value()).isEqualTo("user-token");
		server.verify(exactly(1), postRequestedFor(urlEqualTo(TOKEN_PATH))
			.withHeader("Host", equalTo("127.0.0.1:" + server.getPort()))
			.withRequestBody(containing("assertion=" + user)));
	}

	@Test
	void anotherTenantALocalTokenEndpointCannotAddressIsATokenRequestException() {
		XsuaaIssuedTokenProvider provider = xsuaa(localUrl(), 0);
		assertThatExceptionOfType(TokenRequestException.class).isThrownBy(() -> provider.clientCredentials("subscriber"))
			.withMessageContaining("cannot address tenant 'subscriber'")
			.withMessageContaining("own-xsuaa")
			.satisfies((ex) -> assertThat(ex.getHttpStatus()).isZero());
		String user = TokenTestSupport.jwt("{\"sub\":\"bob\",\"ext_attr\":{\"zdn\":\"subscriber\"}}");
		assertThatExceptionOfType(TokenRequestException.class).isThrownBy(() -> provider.jwtBearer(user))
			.withMessageContaining("cannot address tenant 'subscriber'")
			.withMessageNotContaining(user);
		assertThat(provider.cache().size()).isZero();
		server.verify(exactly(0), postRequestedFor(urlEqualTo(TOKEN_PATH)));
	}

	@Test
	void theOwnTenantOfABindingWithoutIdentityZoneIsTheFirstLabelOfItsTokenHost() {
		server.stubFor(post(TOKEN_PATH).willReturn(okJson(tokenResponse("connectivity-token", 3600))));
		TokenProviderFactory factory = TokenTestSupport.factory(new TokenProperties(), java.time.Clock.systemUTC(),
				Runnable::run, TokenObserver.Factory.NONE, null, server.getPort(),
				new TokenTestSupport.RecordingSleeper());
		XsuaaIssuedTokenProvider provider = factory.xsuaaIssuedProvider(ConnectivityCredentials.from(TokenTestSupport.binding("own-connectivity", "connectivity",
						Map.of("clientid", "sb-conn", "clientsecret", SECRET, "url", "http://provider.auth.localtest",
								"onpremise_proxy_host", "proxy.internal", "onpremise_proxy_http_port", "20003"))));
		assertThat(provider.clientCredentials("provider")).isSameAs(provider.clientCredentials());
		provider.clientCredentials("subscriber");
		server.verify(exactly(1), postRequestedFor(urlEqualTo(TOKEN_PATH))
			.withHeader("Host", equalTo("provider.auth.localtest")));
		server.verify(exactly(1), postRequestedFor(urlEqualTo(TOKEN_PATH))
			.withHeader("Host", equalTo("subscriber.auth.localtest")));
	}

}
