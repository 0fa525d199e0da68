package dev.btpboot.security.jwt;

import java.net.URI;
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

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
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

	static final RSAKey otherKey = JwtFixture.key("other-key");

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
		Instant now = Instant.now();
		String valid = JwtFixture.sign(fixture.xsuaaKey, fixture.xsuaaClaims().build());
		String[] parts = valid.split("\\.");
		ECKey ecKey = new ECKeyGenerator(Curve.P_256).keyID(fixture.xsuaaKey.getKeyID()).generate();
		return Stream.of(
				named("alg none", new PlainJWT(fixture.xsuaaClaims().build()).serialize()),
				named("HS256 signed with the public key", hs256WithPublicKey()),
				named("unknown kid", JwtFixture.sign(otherKey, fixture.xsuaaClaims().build())),
				named("known kid, other key", sign(otherKey, fixture.xsuaaKey.getKeyID(), fixture.xsuaaClaims().build())),
				named("expired", xsuaa(fixture.xsuaaClaims().expirationTime(Date.from(now.minusSeconds(3600))))),
				named("nbf in the future", xsuaa(fixture.xsuaaClaims().notBeforeTime(Date.from(now.plusSeconds(3600))))),
				named("missing exp", xsuaa(fixture.xsuaaClaims().expirationTime(null))),
				named("exp not a number", xsuaa(fixture.xsuaaClaims().claim("exp", "tomorrow"))),
				named("wrong issuer", xsuaa(fixture.xsuaaClaims().issuer("https://evil.example.com/oauth/token"))),
				named("issuer only looking like uaadomain",
						xsuaa(fixture.xsuaaClaims().issuer("https://x" + fixture.uaaDomain() + "/oauth/token"))),
				named("wrong audience", xsuaa(fixture.xsuaaClaims().audience("other-app").claim("azp", "other-app")
					.claim("scope", List.of("other!t2.Viewer")))),
				named("no audience, foreign scopes", xsuaa(fixture.xsuaaClaims().audience((String) null)
					.claim("azp", null).claim("scope", List.of("other!t2.Viewer")))),
				named("foreign jku", JwtFixture.sign(fixture.xsuaaKey, fixture.xsuaaClaims().build(),
						(header) -> header.jwkURL(URI.create("https://evil.example.com/token_keys")))),
				named("jku over plain http outside loopback", JwtFixture.sign(fixture.xsuaaKey,
						fixture.xsuaaClaims().build(),
						(header) -> header.jwkURL(URI.create("http://sub." + fixture.uaaDomain() + "/token_keys")))),
				named("tampered payload", parts[0] + "." + Base64URL.encode(fixture.xsuaaClaims()
					.claim("scope", List.of(JwtFixture.XSAPPNAME + ".Admin")).build().toString()) + "." + parts[2]),
				named("signature of another token", parts[0] + "." + parts[1] + "."
						+ JwtFixture.sign(fixture.xsuaaKey, fixture.xsuaaClaims().subject("x").build()).split("\\.")[2]),
				named("empty signature", parts[0] + "." + parts[1] + "."),
				named("not base64", "abc!.d@f.gh#"),
				named("only padding", "==="),
				named("payload not JSON", parts[0] + "." + Base64URL.encode("not json") + "." + parts[2]),
				named("payload a JSON array", parts[0] + "." + Base64URL.encode("[1,2]") + "." + parts[2]),
				named("header not JSON", Base64URL.encode("nope") + "." + parts[1] + "." + parts[2]),
				named("oversized header", JwtFixture.sign(fixture.xsuaaKey, fixture.xsuaaClaims().build(),
						(header) -> header.customParam("pad", "x".repeat(3000)))),
				named("unknown critical header", JwtFixture.sign(fixture.xsuaaKey, fixture.xsuaaClaims().build(),
						(header) -> header.customParam("x-must", 1).criticalParams(Set.of("x-must")))),
				named("two segments", parts[0] + "." + parts[1]),
				named("five segments (JWE shape)", "eyJhbGciOiJSU0EtT0FFUCJ9.a.b.c.d"),
				named("RS512 instead of RS256", sign(JWSAlgorithm.RS512, fixture.xsuaaKey, fixture.xsuaaClaims().build())),
				named("ES256 instead of RS256", es256(ecKey, fixture.xsuaaClaims().build())),
				named("IAS issuer outside domains", ias(fixture.iasClaims().issuer("https://tenant.evil.example.com"))),
				named("IAS issuer equal to a domain, not a subdomain",
						ias(fixture.iasClaims().issuer("https://accounts.example.com"))),
				named("IAS issuer with encoded characters",
						ias(fixture.iasClaims().issuer("https://tenant%2eaccounts.example.com"))),
				named("IAS issuer with an invisible character",
						ias(fixture.iasClaims().issuer("https://tenant\u200b.accounts.example.com"))),
				named("IAS issuer with user info",
						ias(fixture.iasClaims().issuer(fixture.iasUrl() + "@evil.example.com"))),
				named("IAS issuer with a path", ias(fixture.iasClaims().issuer(fixture.iasUrl() + "/evil"))),
				named("IAS ias_iss outside domains", ias(fixture.iasClaims().claim("ias_iss", "https://evil.example.com"))),
				named("IAS wrong audience", ias(fixture.iasClaims().audience("other-client"))),
				named("IAS issuer, XSUAA key", JwtFixture.sign(fixture.xsuaaKey, fixture.iasClaims().build())),
				named("XSUAA issuer, IAS key", JwtFixture.sign(fixture.iasKey, fixture.xsuaaClaims().build())));
	}

	private static Named<String> named(String name, String token) {
		return Named.of(name, token);
	}

	private static String xsuaa(JWTClaimsSet.Builder claims) {
		return JwtFixture.sign(fixture.xsuaaKey, claims.build());
	}

	private static String ias(JWTClaimsSet.Builder claims) {
		return JwtFixture.sign(fixture.iasKey, claims.build());
	}

	private static String sign(RSAKey key, String kid, JWTClaimsSet claims) throws Exception {
		SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(kid).build(), claims);
		jwt.sign(new RSASSASigner(key));
		return jwt.serialize();
	}

	private static String sign(JWSAlgorithm algorithm, RSAKey key, JWTClaimsSet claims) throws Exception {
		SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(algorithm).keyID(key.getKeyID()).build(), claims);
		jwt.sign(new RSASSASigner(key));
		return jwt.serialize();
	}

	private static String es256(ECKey key, JWTClaimsSet claims) throws Exception {
		SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(key.getKeyID()).build(), claims);
		jwt.sign(new ECDSASigner(key));
		return jwt.serialize();
	}

	private static String hs256WithPublicKey() throws Exception {
		SignedJWT jwt = new SignedJWT(
				new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(fixture.xsuaaKey.getKeyID()).build(),
				fixture.xsuaaClaims().build());
		jwt.sign(new MACSigner(fixture.xsuaaKey.toRSAPublicKey().getEncoded()));
		return jwt.serialize();
	}

}
