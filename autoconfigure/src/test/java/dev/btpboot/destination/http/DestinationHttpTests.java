package dev.btpboot.destination.http;

import java.util.LinkedHashMap;
import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.btpboot.binding.BindingsAutoConfiguration;
import dev.btpboot.connectivity.ConnectivityAutoConfiguration;
import dev.btpboot.connectivity.http.ConnectivityHttpAutoConfiguration;
import dev.btpboot.destination.DestinationAutoConfiguration;
import dev.btpboot.destination.DestinationException;
import dev.btpboot.security.BtpUser;
import dev.btpboot.testing.ConnectivityBinding;
import dev.btpboot.testing.DestinationBinding;
import dev.btpboot.testing.FakeConnectivityTokens;
import dev.btpboot.token.TokenAutoConfiguration;
import dev.btpboot.token.TokenProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.http.client.autoconfigure.HttpClientAutoConfiguration;
import org.springframework.boot.http.client.autoconfigure.imperative.ImperativeHttpClientAutoConfiguration;
import org.springframework.boot.http.client.autoconfigure.reactive.ReactiveHttpClientAutoConfiguration;
import org.springframework.boot.http.client.autoconfigure.service.HttpServiceClientPropertiesAutoConfiguration;
import org.springframework.boot.http.converter.autoconfigure.HttpMessageConvertersAutoConfiguration;
import org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration;
import org.springframework.boot.restclient.autoconfigure.service.HttpServiceClientAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.client.RestClient;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.service.annotation.GetExchange;
import org.springframework.web.service.registry.ImportHttpServices;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.exactly;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * RestClient builders of {@link DestinationClients} with WireMock as the Destination service, as
 * the connectivity proxy's HTTP port and as an internet target. Tokens of the destination and
 * connectivity bindings come from fake providers that name the tenant they are for.
 */
class DestinationHttpTests {

	private static final String PASSWORD = "erp-Passw0rd-never-logged";

	private static final String USER_JWT = FakeConnectivityTokens.jwt("{\"user_name\":\"alice\"}");

	private static final BtpUser TENANT_USER = new BtpUser("alice", "tenant-a-id", "tenant-a", null, null, null,
			USER_JWT);

	private static final WireMockServer service = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));

	private static final WireMockServer proxy = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));

	private static final WireMockServer target = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));

	private final FakeConnectivityTokens destinationTokens = new FakeConnectivityTokens();

	private final FakeConnectivityTokens connectivityTokens = new FakeConnectivityTokens();

	private ApplicationContextRunner runner;

	@BeforeAll
	static void start() {
		service.start();
		proxy.start();
		target.start();
		proxy.stubFor(get(anyUrl()).willReturn(ok("on-premise items")));
		target.stubFor(get(anyUrl()).willReturn(ok("internet items")));
	}

	@AfterAll
	static void stop() {
		service.stop();
		proxy.stop();
		target.stop();
	}

	@BeforeEach
	void setUp() {
		service.resetAll();
		proxy.resetRequests();
		target.resetRequests();
		String connectivity = ConnectivityBinding.vcapServices("127.0.0.1", proxy.port(), 1);
		String vcap = DestinationBinding.addTo(connectivity, service.baseUrl());
		this.runner = new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(BindingsAutoConfiguration.class, TokenAutoConfiguration.class,
					ConnectivityAutoConfiguration.class, ConnectivityHttpAutoConfiguration.class,
					DestinationAutoConfiguration.class, DestinationHttpAutoConfiguration.class,
					HttpClientAutoConfiguration.class, ImperativeHttpClientAutoConfiguration.class,
					HttpMessageConvertersAutoConfiguration.class, RestClientAutoConfiguration.class,
					ReactiveHttpClientAutoConfiguration.class, WebClientAutoConfiguration.class))
			.withBean("connectivityTokenProvider", TokenProvider.class, () -> this.connectivityTokens)
			.withBean("destinationTokenProvider", TokenProvider.class, () -> this.destinationTokens)
			.withPropertyValues("btp.bindings.kubernetes-root=/nonexistent", "VCAP_SERVICES=" + vcap,
					"btp.connectivity.location-id=configured-location");
	}

	@AfterEach
	void signOut() {
		SecurityContextHolder.clearContext();
	}

	private static void signIn(BtpUser user) {
		SecurityContextHolder.getContext().setAuthentication(new TestingAuthenticationToken(user, null));
	}

	private static void destination(String name, Map<String, String> configuration, String authTokens) {
		StringBuilder properties = new StringBuilder();
		configuration.forEach((key, value) -> properties.append(properties.isEmpty() ? "" : ",")
			.append('"')
			.append(key)
			.append("\":\"")
			.append(value)
			.append('"'));
		service.stubFor(get(urlPathEqualTo("/destination-configuration/v1/destinations/" + name))
			.willReturn(okJson("{\"destinationConfiguration\":{" + properties + "},\"authTokens\":[" + authTokens
					+ "],\"certificates\":[]}")));
	}

	private static Map<String, String> onPremise(String authentication) {
		Map<String, String> erp = new LinkedHashMap<>();
		erp.put("Name", "erp");
		erp.put("Type", "HTTP");
		erp.put("URL", "http://erp.virtual:44300/sap/opu");
		erp.put("ProxyType", "OnPremise");
		erp.put("CloudConnectorLocationId", "erp-location");
		erp.put("Authentication", authentication);
		erp.put("URL.headers.sap-client", "100");
		erp.put("URL.queries.sap-language", "EN");
		return erp;
	}

	private static String call(RestClient.Builder builder) {
		return builder.build().get().uri("/items").retrieve().body(String.class);
	}

	@Test
	void onPremiseBasicAuthenticationGoesThroughTheProxyWithTheDestinationsLocation() {
		Map<String, String> erp = onPremise("BasicAuthentication");
		erp.put("User", "erp-user");
		erp.put("Password", PASSWORD);
		destination("erp", erp, "");
		this.runner.run((context) -> {
			assertThat(call(context.getBean(DestinationClients.class).restClient("erp"))).isEqualTo("on-premise items");
			LoggedRequest request = proxy.findAll(anyRequestedFor(anyUrl())).get(0);
			assertThat(request.getAbsoluteUrl()).isEqualTo("http://erp.virtual:44300/sap/opu/items?sap-language=EN");
			assertThat(request.getHeader(HttpHeaders.AUTHORIZATION))
				.isEqualTo("Basic " + HttpHeaders.encodeBasicAuth("erp-user", PASSWORD, null));
			assertThat(request.getHeader(HttpHeaders.PROXY_AUTHORIZATION))
				.isEqualTo("Bearer " + FakeConnectivityTokens.ownTenantToken());
			assertThat(request.getHeader("SAP-Connectivity-SCC-Location_ID")).isEqualTo("erp-location");
			assertThat(request.getHeader("sap-client")).isEqualTo("100");
			assertThat(target.findAll(anyRequestedFor(anyUrl()))).isEmpty();
		});
	}

	@Test
	void oauth2ClientCredentialsSendsTheAuthTokenTheServiceReturnedDirectlyOverTheInternet() {
		String accessToken = FakeConnectivityTokens.jwt("{\"sub\":\"erp-client\"}");
		destination("api", Map.of("Name", "api", "Type", "HTTP", "URL", target.baseUrl() + "/api", "ProxyType",
				"Internet", "Authentication", "OAuth2ClientCredentials"),
				"{\"type\":\"Bearer\",\"value\":\"" + accessToken + "\",\"http_header\":{\"key\":\"Authorization\","
						+ "\"value\":\"Bearer " + accessToken + "\"},\"expires_in\":\"3600\"}");
		this.runner.run((context) -> {
			assertThat(call(context.getBean(DestinationClients.class).restClient("api"))).isEqualTo("internet items");
			target.verify(getRequestedFor(urlPathEqualTo("/api/items")).withHeader(HttpHeaders.AUTHORIZATION,
					equalTo("Bearer " + accessToken)));
			assertThat(proxy.findAll(anyRequestedFor(anyUrl()))).isEmpty();
		});
	}

	@Test
	void principalPropagationForwardsTheUserThroughTheProxy() {
		destination("erp", onPremise("PrincipalPropagation"), "");
		signIn(TENANT_USER);
		this.runner.run((context) -> {
			assertThat(call(context.getBean(DestinationClients.class).restClient("erp"))).isEqualTo("on-premise items");
			LoggedRequest request = proxy.findAll(anyRequestedFor(anyUrl())).get(0);
			assertThat(request.getHeader("SAP-Connectivity-Authentication")).isEqualTo("Bearer " + USER_JWT);
			assertThat(request.getHeader(HttpHeaders.PROXY_AUTHORIZATION))
				.isEqualTo("Bearer " + FakeConnectivityTokens.tenantIdToken("tenant-a-id"));
			assertThat(request.containsHeader(HttpHeaders.AUTHORIZATION)).isFalse();
		});
	}

	@Test
	void aSignedInUserIsNotPropagatedWithBasicAuthentication() {
		Map<String, String> erp = onPremise("BasicAuthentication");
		erp.put("User", "erp-user");
		erp.put("Password", PASSWORD);
		destination("erp", erp, "");
		signIn(TENANT_USER);
		this.runner.run((context) -> {
			call(context.getBean(DestinationClients.class).restClient("erp"));
			LoggedRequest request = proxy.findAll(anyRequestedFor(anyUrl())).get(0);
			assertThat(request.containsHeader("SAP-Connectivity-Authentication")).isFalse();
			assertThat(request.getHeader(HttpHeaders.AUTHORIZATION)).startsWith("Basic ");
		});
	}

	@Test
	void aSubscriberTenantsRequestAsksTheServiceWithThatTenantsToken() {
		destination("erp", onPremise("PrincipalPropagation"), "");
		signIn(TENANT_USER);
		this.runner.run((context) -> {
			call(context.getBean(DestinationClients.class).restClient("erp"));
			service.verify(exactly(1), getRequestedFor(urlPathEqualTo("/destination-configuration/v1/destinations/erp"))
				.withHeader(HttpHeaders.AUTHORIZATION, equalTo("Bearer " + FakeConnectivityTokens.tenantIdToken("tenant-a-id"))));
			assertThat(service.findAll(anyRequestedFor(anyUrl()))).hasSize(1);
		});
	}

	@Test
	void anAuthTokenErrorFailsTheRequestQuotingTheService() {
		destination("api", Map.of("Name", "api", "Type", "HTTP", "URL", target.baseUrl(), "Authentication",
				"OAuth2ClientCredentials"), "{\"type\":\"\",\"value\":\"\",\"error\":\"Retrieval of OAuth token failed "
						+ "due to: invalid_client\"}");
		this.runner.run((context) -> {
			RestClient.Builder builder = context.getBean(DestinationClients.class).restClient("api");
			assertThatExceptionOfType(DestinationException.class).isThrownBy(() -> call(builder))
				.withMessage("Destination 'api' for the provider tenant: using its authTokens failed: the Destination "
						+ "service could not obtain a token for OAuth2ClientCredentials: \"Retrieval of OAuth token "
						+ "failed due to: invalid_client\"");
			assertThat(target.findAll(anyRequestedFor(anyUrl()))).isEmpty();
		});
	}

	@Test
	void aMailDestinationAskedForAsHttpIsAFailure() {
		destination("mail", Map.of("Name", "mail", "Type", "MAIL", "mail.smtp.host", "smtp.virtual"), "");
		this.runner.run((context) -> assertThatExceptionOfType(DestinationException.class)
			.isThrownBy(() -> call(context.getBean(DestinationClients.class).restClient("mail")))
			.withMessageContaining("it is of Type MAIL, not HTTP"));
	}

	@Test
	void aWebClientReachesAnOnPremiseDestinationThroughTheProxy() {
		Map<String, String> erp = onPremise("BasicAuthentication");
		erp.put("User", "erp-user");
		erp.put("Password", PASSWORD);
		destination("erp", erp, "");
		this.runner.run((context) -> {
			WebClient client = context.getBean(DestinationWebClients.class).webClient("erp").build();
			assertThat(client.get().uri("/items").retrieve().bodyToMono(String.class).block())
				.isEqualTo("on-premise items");
			LoggedRequest request = proxy.findAll(anyRequestedFor(anyUrl())).get(0);
			assertThat(request.getAbsoluteUrl()).isEqualTo("http://erp.virtual:44300/sap/opu/items?sap-language=EN");
			assertThat(request.getHeader(HttpHeaders.AUTHORIZATION))
				.isEqualTo("Basic " + HttpHeaders.encodeBasicAuth("erp-user", PASSWORD, null));
			assertThat(request.getHeader("SAP-Connectivity-SCC-Location_ID")).isEqualTo("erp-location");
			assertThat(request.getHeader("sap-client")).isEqualTo("100");
		});
	}

	@Test
	void aWebClientInAReactiveRequestUsesTheUserOfTheReactorContext() {
		destination("erp", onPremise("PrincipalPropagation"), "");
		this.runner.run((context) -> {
			WebClient client = context.getBean(DestinationWebClients.class).webClient("erp").build();
			assertThat(client.get()
				.uri("/items")
				.retrieve()
				.bodyToMono(String.class)
				.contextWrite(ReactiveSecurityContextHolder
					.withAuthentication(new TestingAuthenticationToken(TENANT_USER, null)))
				.block()).isEqualTo("on-premise items");
			LoggedRequest request = proxy.findAll(anyRequestedFor(anyUrl())).get(0);
			assertThat(request.getHeader("SAP-Connectivity-Authentication")).isEqualTo("Bearer " + USER_JWT);
			assertThat(request.getHeader(HttpHeaders.PROXY_AUTHORIZATION))
				.isEqualTo("Bearer " + FakeConnectivityTokens.tenantIdToken("tenant-a-id"));
			service.verify(getRequestedFor(urlPathEqualTo("/destination-configuration/v1/destinations/erp"))
				.withHeader(HttpHeaders.AUTHORIZATION, equalTo("Bearer " + FakeConnectivityTokens.tenantIdToken("tenant-a-id"))));
		});
	}

	@Test
	void anHttpServiceGroupIsConfiguredFromItsDestination() {
		Map<String, String> erp = onPremise("BasicAuthentication");
		erp.put("User", "erp-user");
		erp.put("Password", PASSWORD);
		destination("erp", erp, "");
		this.runner
			.withConfiguration(AutoConfigurations.of(HttpServiceClientPropertiesAutoConfiguration.class,
					HttpServiceClientAutoConfiguration.class))
			.withUserConfiguration(ErpServices.class)
			.withPropertyValues("btp.destinations.http-services.erp=erp")
			.run((context) -> {
				assertThat(context.getBean(ErpItems.class).items()).isEqualTo("on-premise items");
				LoggedRequest request = proxy.findAll(anyRequestedFor(anyUrl())).get(0);
				assertThat(request.getAbsoluteUrl()).isEqualTo("http://erp.virtual:44300/sap/opu/items?sap-language=EN");
				assertThat(request.getHeader(HttpHeaders.AUTHORIZATION))
					.isEqualTo("Basic " + HttpHeaders.encodeBasicAuth("erp-user", PASSWORD, null));
				assertThat(request.getHeader("SAP-Connectivity-SCC-Location_ID")).isEqualTo("erp-location");
			});
	}

	/** An HTTP service of group {@code erp}. */
	interface ErpItems {

		@GetExchange("/items")
		String items();

	}

	@Configuration(proxyBeanMethods = false)
	@ImportHttpServices(group = "erp", types = ErpItems.class)
	static class ErpServices {

	}

}
