package dev.btpboot.security.jwt;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.nimbusds.jose.jwk.RSAKey;
import dev.btpboot.security.BtpUser;
import dev.btpboot.security.reactive.ReactiveTestApplication;
import dev.btpboot.testing.ConnectivityBinding;
import dev.btpboot.testing.FakeConnectivityTokens;
import dev.btpboot.testing.TestCertificates;
import dev.btpboot.token.TokenProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * JWT mode of a WebFlux application on Reactor Netty, with XSUAA and IAS bound and served by
 * WireMock: tokens of both become the same {@code BtpUser} in handlers, in the Reactor context
 * and in reactive method security; refusals are 401/403 problems with {@code WWW-Authenticate};
 * the servlet chain's corpus of bad tokens is refused with a 401 each, never a 500; keys rotate;
 * certificate-bound tokens need their certificate; and a {@code WebClient} call to an on-premise
 * host goes through the connectivity proxy (WireMock) with the user's token.
 */
@SpringBootTest(classes = ReactiveTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.main.web-application-type=reactive", "server.address=127.0.0.1",
				"btp.connectivity.http.hosts=*.virtual", "btp.connectivity.location-id=eu-west" })
@Import(ReactiveJwtModeHttpTests.ConnectivityTokens.class)
class ReactiveJwtModeHttpTests {

	static final JwtFixture fixture = new JwtFixture().start();

	/** The connectivity proxy's HTTP port, which also answers for the on-premise host. */
	static final WireMockServer proxy = startProxy();

	@LocalServerPort
	int port;

	WebTestClient client;

	@DynamicPropertySource
	static void bindings(DynamicPropertyRegistry registry) {
		String identity = fixture.vcapServices(true, true);
		String connectivity = ConnectivityBinding.vcapServices("127.0.0.1", proxy.port(), 1);
		registry.add("VCAP_SERVICES", () -> identity.substring(0, identity.length() - 1) + ","
				+ connectivity.substring(connectivity.indexOf('{') + 1));
	}

	@AfterAll
	static void stop() {
		fixture.server.stop();
		proxy.stop();
	}

	private static WireMockServer startProxy() {
		WireMockServer server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
		server.start();
		server.stubFor(get(urlPathEqualTo("/sap/opu/odata/items")).withHost(equalTo("erp.virtual"))
			.withPort(44300)
			.willReturn(ok("on-premise items")));
		return server;
	}

	@BeforeEach
	void bindClient() {
		this.client = WebTestClient.bindToServer()
			.baseUrl("http://127.0.0.1:" + this.port)
			.responseTimeout(Duration.ofSeconds(30))
			.build();
	}

	@Test
	void xsuaaAndIasTokensAreTheSameBtpUserInHandlersReactorContextAndMethodSecurity() {
		String xsuaa = JwtFixture.sign(fixture.xsuaaKey, fixture.xsuaaClaims().build());
		expectBody(xsuaa, "/me", "alice|tenant-1|[Viewer]");
		expectBody(xsuaa, "/me/context", "same alice");
		expectBody(xsuaa, "/viewer", "viewer");
		String ias = JwtFixture.sign(fixture.iasKey, fixture.iasClaims().build());
		expectBody(ias, "/me", "bob@example.com|tenant-2|[Viewer]");
		expectBody(ias, "/viewer", "viewer");
	}

	@Test
	void anonymousRequestIsAskedForABearerTokenWithAProblemDetail() {
		this.client.get()
			.uri("/me")
			.exchange()
			.expectStatus()
			.isUnauthorized()
			.expectHeader()
			.value(HttpHeaders.WWW_AUTHENTICATE, (value) -> assertThat(value).startsWith("Bearer"))
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo(401);
	}

	@Test
	void protectedResourceMetadataIsNeitherServedNorNamedByDefault() {
		for (String path : List.of("/.well-known/oauth-protected-resource", "/.well-known/oauth-protected-resource/me")) {
			this.client.get().uri(path).exchange().expectStatus().isUnauthorized();
		}
		this.client.get()
			.uri("/me")
			.exchange()
			.expectHeader()
			.valueEquals(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
		this.client.get()
			.uri("/me")
			.header(HttpHeaders.AUTHORIZATION, "Bearer not-a-token")
			.exchange()
			.expectHeader()
			.value(HttpHeaders.WWW_AUTHENTICATE, (value) -> assertThat(value).startsWith("Bearer error=\"invalid_token\"")
				.doesNotContain("resource_metadata"));
	}

	@Test
	void missingAuthorityIsAForbiddenProblemWithABearerChallenge() {
		String token = JwtFixture.sign(fixture.xsuaaKey,
				fixture.xsuaaClaims().claim("scope", List.of(JwtFixture.XSAPPNAME + ".Other")).build());
		this.client.get()
			.uri("/viewer")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
			.exchange()
			.expectStatus()
			.isForbidden()
			.expectHeader()
			.value(HttpHeaders.WWW_AUTHENTICATE, (value) -> assertThat(value).startsWith("Bearer"))
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.title")
			.isEqualTo("Forbidden");
	}

	@Test
	void onlyTheCanonicalSpellingOfATokenIsAccepted() {
		String token = JwtFixture.sign(fixture.xsuaaKey, fixture.xsuaaClaims().subject("canonical").build());
		expectBody(token, "/me", "alice|tenant-1|[Viewer]");
		for (String spelling : List.of(token + "=", token + "==", token + "~")) {
			this.client.get()
				.uri("/me")
				.header(HttpHeaders.AUTHORIZATION, "Bearer " + spelling)
				.exchange()
				.expectStatus()
				.isUnauthorized()
				.expectHeader()
				.value(HttpHeaders.WWW_AUTHENTICATE, (value) -> assertThat(value).contains("The token is malformed"));
		}
	}

	static Stream<Named<String>> badTokens() throws Exception {
		return BadTokens.of(fixture);
	}

	@ParameterizedTest
	@MethodSource("badTokens")
	void badTokenIsUnauthorizedNeverAServerError(String token) {
		this.client.get()
			.uri("/me")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
			.exchange()
			.expectStatus()
			.isUnauthorized()
			.expectHeader()
			.value(HttpHeaders.WWW_AUTHENTICATE, (value) -> assertThat(value).startsWith("Bearer"))
			.expectBody(String.class)
			.value((body) -> assertThat(body).doesNotContain("Exception", "\tat "));
	}

	/**
	 * An XSUAA zone of its own, so that no other test has fetched its keys: a token signed by a
	 * key published after the first fetch is accepted once the refresh rate limit allows a fetch.
	 */
	@Test
	void aRotatedKeyIsFetchedForItsUnknownKid() throws InterruptedException {
		RSAKey before = JwtFixture.key("zone-key-1");
		RSAKey rotated = JwtFixture.key("zone-key-2");
		fixture.publishXsuaaZoneKeys("rotating", before);
		expectBody(JwtFixture.sign(before, fixture.xsuaaClaims().claim("zid", "rotating").build()), "/me",
				"alice|rotating|[Viewer]");
		fixture.publishXsuaaZoneKeys("rotating", before, rotated);
		Thread.sleep(CachingJwkSource.MIN_REFRESH_INTERVAL.plusSeconds(1).toMillis());
		expectBody(JwtFixture.sign(rotated, fixture.xsuaaClaims().claim("zid", "rotating").build()), "/me",
				"alice|rotating|[Viewer]");
		fixture.server.verify(2, getRequestedFor(urlPathEqualTo("/token_keys")).withQueryParam("zid",
				equalTo("rotating")));
	}

	@Test
	void certificateBoundIasTokenNeedsTheCertificate() throws Exception {
		TestCertificates.Issued certificate = TestCertificates.selfSignedRsa("client");
		String thumbprint = Base64.getUrlEncoder()
			.withoutPadding()
			.encodeToString(MessageDigest.getInstance("SHA-256").digest(certificate.certificate().getEncoded()));
		String token = JwtFixture.sign(fixture.iasKey,
				fixture.iasClaims().claim("cnf", Map.of("x5t#S256", thumbprint)).build());
		String xfcc = "By=spiffe://router;Hash=abc;Cert=\""
				+ URLEncoder.encode(certificate.certificatePem(), StandardCharsets.UTF_8) + "\";Subject=\"CN=client\"";
		this.client.get()
			.uri("/me")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
			.header("X-Forwarded-Client-Cert", xfcc)
			.exchange()
			.expectStatus()
			.isOk();
		this.client.get()
			.uri("/me")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
			.exchange()
			.expectStatus()
			.isUnauthorized();
	}

	@Test
	void webClientCallsAnOnPremiseHostThroughTheProxyAsTheSignedInUser() {
		proxy.resetRequests();
		String token = JwtFixture.sign(fixture.xsuaaKey, fixture.xsuaaClaims().subject("on-premise").build());
		expectBody(token, "/on-premise/items", "on-premise items");
		List<LoggedRequest> requests = proxy.findAll(anyRequestedFor(anyUrl()));
		assertThat(requests).singleElement().satisfies((request) -> {
			assertThat(request.getAbsoluteUrl()).isEqualTo("http://erp.virtual:44300/sap/opu/odata/items");
			assertThat(request.getHeader("SAP-Connectivity-Authentication")).isEqualTo("Bearer " + token);
			// The user's tenant is its zone (zid tenant-1), whether or not its token names a subdomain.
			assertThat(request.getHeader(HttpHeaders.PROXY_AUTHORIZATION))
				.isEqualTo("Bearer " + FakeConnectivityTokens.tenantIdToken("tenant-1"));
			assertThat(request.getHeader("SAP-Connectivity-SCC-Location_ID")).isEqualTo("eu-west");
			assertThat(request.containsHeader(HttpHeaders.AUTHORIZATION)).isFalse();
		});
	}

	private void expectBody(String token, String path, String body) {
		this.client.get()
			.uri(path)
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.isEqualTo(body);
	}

	/** The connectivity service's tokens: known values instead of a token endpoint outside loopback. */
	@TestConfiguration(proxyBeanMethods = false)
	static class ConnectivityTokens {

		@Bean
		TokenProvider connectivityTokenProvider() {
			return new FakeConnectivityTokens();
		}

	}

}
