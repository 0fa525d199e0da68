package dev.btpboot.security.jwt;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.RSAKey;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import dev.btpboot.security.SecurityTestApplication;
import dev.btpboot.testing.TestCertificates;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggerConfiguration;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static dev.btpboot.security.HttpClients.bearer;
import static dev.btpboot.security.HttpClients.get;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * JWT mode through embedded Tomcat, with XSUAA and IAS bound and served by WireMock: valid
 * tokens of both, authorities, proof of possession, and a corpus of bad tokens that must each get
 * a 401, never a 500.
 */
@SpringBootTest(classes = SecurityTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "logging.level.dev.btpboot=DEBUG")
@ExtendWith(OutputCaptureExtension.class)
class JwtModeHttpTests {

	static final JwtFixture fixture = new JwtFixture().start();

	@LocalServerPort
	int port;

	@DynamicPropertySource
	static void bindings(DynamicPropertyRegistry registry) {
		registry.add("VCAP_SERVICES", () -> fixture.vcapServices(true, true));
	}

	private static final LoggingSystem logging = LoggingSystem.get(JwtModeHttpTests.class.getClassLoader());

	private static LogLevel levelBefore;

	@BeforeAll
	static void rememberLogLevel() {
		LoggerConfiguration configuration = logging.getLoggerConfiguration("dev.btpboot");
		levelBefore = (configuration != null) ? configuration.getConfiguredLevel() : null;
	}

	/** The cached context keeps running, and its DEBUG level must not reach later test classes. */
	@AfterAll
	static void stop() {
		fixture.server.stop();
		logging.setLogLevel("dev.btpboot", levelBefore);
	}

	@Test
	void xsuaaScopesOfThisAppBecomeRoles() {
		String token = JwtFixture.sign(fixture.xsuaaKey, fixture.xsuaaClaims()
			.claim("scope", List.of(JwtFixture.XSAPPNAME + ".Viewer", "other!t2.Admin", "openid"))
			.build());
		HttpResponse<String> me = get(this.port, "/me", "Authorization", bearer(token));
		assertThat(me.statusCode()).isEqualTo(200);
		assertThat(me.body()).isEqualTo("alice|tenant-1|[Viewer]");
		assertThat(get(this.port, "/viewer", "Authorization", bearer(token)).statusCode()).isEqualTo(200);
	}

	@Test
	void authenticatedResponsesCarrySecurityHeadersAndNoSession() {
		String token = JwtFixture.sign(fixture.xsuaaKey, fixture.xsuaaClaims().build());
		for (int i = 0; i < 2; i++) { // the second request is answered from the verified-token memory
			HttpResponse<String> me = get(this.port, "/me", "Authorization", bearer(token));
			assertThat(me.statusCode()).isEqualTo(200);
			assertThat(me.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
			assertThat(me.headers().firstValue("X-Frame-Options")).hasValue("DENY");
			assertThat(me.headers().firstValue("Cache-Control")).get().asString().contains("no-store");
			assertThat(me.headers().allValues("Set-Cookie")).isEmpty();
		}
	}

	@Test
	void missingAuthorityIsForbidden() {
		String token = JwtFixture.sign(fixture.xsuaaKey,
				fixture.xsuaaClaims().claim("scope", List.of(JwtFixture.XSAPPNAME + ".Other")).build());
		HttpResponse<String> response = get(this.port, "/viewer", "Authorization", bearer(token));
		assertThat(response.statusCode()).isEqualTo(403);
		assertThat(response.headers().firstValue("WWW-Authenticate")).get().asString().startsWith("Bearer");
	}

	@Test
	void iasGroupsBecomeRoles() {
		String token = JwtFixture.sign(fixture.iasKey, fixture.iasClaims().build());
		HttpResponse<String> me = get(this.port, "/me", "Authorization", bearer(token));
		assertThat(me.statusCode()).isEqualTo(200);
		assertThat(me.body()).isEqualTo("bob@example.com|tenant-2|[Viewer]");
		assertThat(get(this.port, "/viewer", "Authorization", bearer(token)).statusCode()).isEqualTo(200);
	}

	@Test
	void anonymousRequestIsAskedForABearerToken() {
		HttpResponse<String> response = get(this.port, "/me");
		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(response.headers().firstValue("WWW-Authenticate")).get().asString().startsWith("Bearer");
	}

	@Test
	void protectedResourceMetadataIsNeitherServedNorNamedByDefault() {
		for (String path : List.of("/.well-known/oauth-protected-resource", "/.well-known/oauth-protected-resource/me")) {
			HttpResponse<String> response = get(this.port, path, "X-Forwarded-Host", "attacker.example");
			assertThat(response.statusCode()).as(path).isEqualTo(401);
			assertThat(response.body()).doesNotContain("\"resource\"");
		}
		assertThat(get(this.port, "/me").headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
		assertThat(get(this.port, "/me", "Authorization", bearer("not-a-token")).headers()
			.firstValue("WWW-Authenticate")).get()
			.asString()
			.startsWith("Bearer error=\"invalid_token\"")
			.doesNotContain("resource_metadata");
	}

	@Autowired
	JwtDecoder jwtDecoder;

	@Test
	void decoderBeanOutsideOurChainRefusesCertificateBoundTokens() {
		String plain = JwtFixture.sign(fixture.iasKey, fixture.iasClaims().build());
		String bound = JwtFixture.sign(fixture.iasKey,
				fixture.iasClaims().claim("cnf", Map.of("x5t#S256", "bm90LWEtcmVhbC10aHVtYnByaW50")).build());
		assertThat(this.jwtDecoder.decode(plain).getSubject()).isNotNull();
		assertThatExceptionOfType(JwtException.class).isThrownBy(() -> this.jwtDecoder.decode(bound))
			.withMessageContaining("bound to a client certificate");
	}

	@Test
	void certificateBoundIasTokenNeedsTheCertificate() throws Exception {
		TestCertificates.Issued client = TestCertificates.selfSignedRsa("client");
		String thumbprint = Base64.getUrlEncoder()
			.withoutPadding()
			.encodeToString(MessageDigest.getInstance("SHA-256").digest(client.certificate().getEncoded()));
		String token = JwtFixture.sign(fixture.iasKey,
				fixture.iasClaims().claim("cnf", Map.of("x5t#S256", thumbprint)).build());
		String pem = client.certificatePem();
		String der = Base64.getEncoder().encodeToString(client.certificate().getEncoded());
		String xfcc = "By=spiffe://router;Hash=abc;Cert=\"" + URLEncoder.encode(pem, StandardCharsets.UTF_8)
				+ "\";Subject=\"CN=client\"";
		for (String header : List.of(der, xfcc, pem.replace("\n", " "))) {
			assertThat(get(this.port, "/me", "Authorization", bearer(token), "X-Forwarded-Client-Cert", header)
				.statusCode()).as(header).isEqualTo(200);
		}
		String otherCertificate = Base64.getEncoder()
			.encodeToString(TestCertificates.selfSignedRsa("other").certificate().getEncoded());
		assertThat(get(this.port, "/me", "Authorization", bearer(token)).statusCode()).isEqualTo(401);
		assertThat(get(this.port, "/me", "Authorization", bearer(token), "X-Forwarded-Client-Cert", otherCertificate)
			.statusCode()).isEqualTo(401);
	}

	@Test
	void onlyTheCanonicalSpellingOfATokenIsAccepted() {
		String token = tokenWith('_');
		assertThat(get(this.port, "/me", "Authorization", bearer(token)).statusCode()).isEqualTo(200);
		char last = token.charAt(token.length() - 1);
		String unusedBitsSet = token.substring(0, token.length() - 1)
				+ "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
					.charAt("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".indexOf(last) | 1);
		String dashAsPlus = tokenWith('-');
		for (String spelling : List.of(token + "=", token + "==", token + "~", token.replace('_', '/'),
				dashAsPlus.replace('-', '+'), unusedBitsSet)) {
			HttpResponse<String> response = get(this.port, "/me", "Authorization", bearer(spelling));
			assertThat(response.statusCode()).as(spelling).isEqualTo(401);
			assertThat(response.headers().firstValue("WWW-Authenticate")).get()
				.asString()
				.contains("The token is malformed");
		}
		assertThat(get(this.port, "/me", "Authorization", bearer(token)).statusCode()).isEqualTo(200);
	}

	/** A genuine XSUAA token whose text contains the given character. */
	private static String tokenWith(char c) {
		for (int i = 0;; i++) {
			String token = JwtFixture.sign(fixture.xsuaaKey, fixture.xsuaaClaims().subject("user-" + i).build());
			if (token.indexOf(c) >= 0) {
				return token;
			}
		}
	}

	@Test
	void xsuaaKeysAreAskedForAndKeptPerZone() {
		RSAKey providerKey = JwtFixture.key("provider-key");
		RSAKey subscriberKey = JwtFixture.key("subscriber-key");
		fixture.publishXsuaaZoneKeys("provider", providerKey);
		fixture.publishXsuaaZoneKeys("subscriber", subscriberKey);
		String provider = JwtFixture.sign(providerKey, fixture.xsuaaClaims().claim("zid", "provider").build());
		String subscriber = JwtFixture.sign(subscriberKey, fixture.xsuaaClaims().claim("zid", "subscriber").build());
		String subscriberWithProviderKey = JwtFixture.sign(providerKey,
				fixture.xsuaaClaims().claim("zid", "subscriber").claim("user_name", "mallory").build());
		assertThat(get(this.port, "/me", "Authorization", bearer(provider)).body()).isEqualTo("alice|provider|[Viewer]");
		assertThat(get(this.port, "/me", "Authorization", bearer(subscriber)).body())
			.isEqualTo("alice|subscriber|[Viewer]");
		assertThat(get(this.port, "/me", "Authorization", bearer(subscriberWithProviderKey)).statusCode())
			.isEqualTo(401);
		for (String zone : List.of("provider", "subscriber")) {
			fixture.server.verify(1, getRequestedFor(urlPathEqualTo("/token_keys")).withQueryParam("zid", equalTo(zone))
				.withHeader("x-zid", equalTo(zone)));
		}
	}

	@Test
	void iasKeysAreAskedForWithTenantAndClientsAndARefusalIsA401NotAnOutage(CapturedOutput output) {
		fixture.refuseIasKeysForTenant("foreign-tenant");
		String foreign = JwtFixture.sign(fixture.iasKey,
				fixture.iasClaims().claim("app_tid", "foreign-tenant").claim("azp", "foreign-client").build());
		HttpResponse<String> refused = get(this.port, "/me", "Authorization", bearer(foreign));
		assertThat(refused.statusCode()).isEqualTo(401);
		assertThat(refused.headers().firstValue("WWW-Authenticate")).get()
			.asString()
			.contains("refuses signing keys for the token's tenant or client");
		fixture.server.verify(1, getRequestedFor(urlPathEqualTo("/oauth2/certs"))
			.withHeader("x-app_tid", equalTo("foreign-tenant"))
			.withHeader("x-client_id", equalTo(JwtFixture.IAS_CLIENT))
			.withHeader("x-azp", equalTo("foreign-client")));
		String bound = JwtFixture.sign(fixture.iasKey,
				fixture.iasClaims().claim("app_tid", "bound-tenant").claim("azp", "bound-client").build());
		assertThat(get(this.port, "/me", "Authorization", bearer(bound)).body())
			.isEqualTo("bob@example.com|bound-tenant|[Viewer]");
		fixture.server.verify(1, getRequestedFor(urlPathEqualTo("/oauth2/certs"))
			.withHeader("x-app_tid", equalTo("bound-tenant"))
			.withHeader("x-client_id", equalTo(JwtFixture.IAS_CLIENT))
			.withHeader("x-azp", equalTo("bound-client")));
		assertThat(output).doesNotContain("Cannot load the signing keys");
	}

	@ParameterizedTest
	@MethodSource("badTokens")
	void badTokenIsUnauthorizedNeverAServerError(String token) {
		HttpResponse<String> response = get(this.port, "/me", "Authorization", "Bearer " + token);
		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(response.headers().firstValue("WWW-Authenticate")).get().asString().startsWith("Bearer");
		assertThat(response.body()).doesNotContain("Exception", "\tat ");
	}

	@Test
	void tokensNeverReachTheLogEvenAtDebug(CapturedOutput output) {
		String token = JwtFixture.sign(fixture.xsuaaKey, fixture.xsuaaClaims().build());
		get(this.port, "/me", "Authorization", bearer(token));
		String expired = JwtFixture.sign(fixture.xsuaaKey, fixture.xsuaaClaims()
			.expirationTime(Date.from(Instant.now().minusSeconds(3600)))
			.build());
		get(this.port, "/me", "Authorization", bearer(expired));
		assertThat(output).contains("Bearer token refused");
		assertThat(output).doesNotContain(token.substring(token.lastIndexOf('.') + 1))
			.doesNotContain(expired.substring(expired.lastIndexOf('.') + 1))
			.doesNotContain("xsuaa-secret-value", "ias-secret-value");
	}

	static Stream<Named<String>> badTokens() throws Exception {
		return BadTokens.of(fixture);
	}

}
