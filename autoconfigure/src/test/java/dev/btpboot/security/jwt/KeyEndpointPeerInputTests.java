package dev.btpboot.security.jwt;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.nimbusds.jose.jwk.RSAKey;
import dev.btpboot.binding.ClientSecret;
import dev.btpboot.binding.IdentityCredentials;
import dev.btpboot.binding.XsuaaCredentials;
import dev.btpboot.testing.DebugLogging;
import dev.btpboot.testing.MutableClock;
import dev.btpboot.token.ResponseBodies;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.util.unit.DataSize;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * What the key endpoint and OIDC discovery send reaches the log only as {@code PeerText} lets it
 * through (issue 19 §3), and only up to {@code btp.http.max-response-size} is read (§4); a failure
 * without a message is named by its kind, not "(null)" (issue 23). DEBUG is on throughout.
 */
@ExtendWith({ OutputCaptureExtension.class, DebugLogging.class })
class KeyEndpointPeerInputTests {

	static final JwtFixture fixture = new JwtFixture().start();

	/** A user's token that a confused key endpoint might echo. */
	static final String ECHOED_JWT = JwtFixture.sign(JwtFixture.key("echoed"),
			fixture.xsuaaClaims().claim("user_name", "echoed-user").build());

	static final String LONG_BASE64 = "Xk9mQ2ZvR3pLd1h0N3Y4U0FQc2VjcmV0MTIzNDU2Nzg";

	/** A curve name Nimbus quotes in its parse error: a forged log line, a token and a secret. */
	static final String HOSTILE = "P-256\r\nFORGED 2026-01-01 ERROR admin signed in " + ECHOED_JWT + " " + LONG_BASE64;

	private final MutableClock clock = new MutableClock(Instant.now());

	@BeforeEach
	void resetKeys() {
		fixture.server.resetAll();
		fixture.stubKeys();
	}

	@AfterAll
	static void stop() {
		fixture.server.stop();
	}

	@Test
	void aKeySetWhoseParseErrorQuotesThePeerIsLoggedCleanedWhenNoKeysWereLoaded(CapturedOutput output) {
		fixture.server.stubFor(get(urlPathEqualTo("/token_keys")).willReturn(okJson(hostileKeySet())));
		BtpJwtDecoder decoder = xsuaaDecoder(JwtFixture.BODIES, fixture.uaaDomain());
		assertThatExceptionOfType(UntrustedTokenException.class).isThrownBy(() -> decoder.verify(token()))
			.withMessage("The signing keys of the token's issuer cannot be loaded");
		assertThat(output.getAll()).contains("Refused token(s) of XSUAA zones",
				"(last: Cannot load the signing keys of issuer " + fixture.uaaDomain()
						+ " (zone tenant-1) (Invalid JWK at position 0: Unknown / unsupported curve: P-256 FORGED");
		assertCleaned(output);
	}

	@Test
	void aKeySetWhoseParseErrorQuotesThePeerIsLoggedCleanedWhileCachedKeysAreKept(CapturedOutput output) {
		BtpJwtDecoder decoder = xsuaaDecoder(JwtFixture.BODIES, fixture.uaaDomain());
		assertThat(decoder.verify(token()).jwt().getSubject()).isNull();
		fixture.server.stubFor(get(urlPathEqualTo("/token_keys")).willReturn(okJson(hostileKeySet())));
		this.clock.advance(CachingJwkSource.MIN_REFRESH_INTERVAL.plusSeconds(1));
		assertThatExceptionOfType(RuntimeException.class)
			.isThrownBy(() -> decoder.verify(token(JwtFixture.key("rotated"))));
		assertThat(output.getAll()).contains("Cannot load the signing keys of issuer " + fixture.uaaDomain(),
				"unsupported curve: P-256 FORGED 2026-01-01 ERROR admin signed in [redacted JWT] [redacted]",
				"keeping 1 cached key(s)");
		assertCleaned(output);
	}

	@Test
	void aKeyEndpointThatRefusesTheConnectionIsNamedByTheFailuresKindNotNull(CapturedOutput output)
			throws IOException {
		int closedPort;
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
			closedPort = socket.getLocalPort();
		}
		BtpJwtDecoder decoder = xsuaaDecoder(JwtFixture.BODIES, "127.0.0.1:" + closedPort);
		String token = JwtFixture.sign(fixture.xsuaaKey,
				fixture.xsuaaClaims().issuer("http://127.0.0.1:" + closedPort + "/oauth/token").build());
		assertThatExceptionOfType(KeysUnavailableException.class).isThrownBy(() -> decoder.verify(token))
			.satisfies((ex) -> assertThat(ex.detail()).isEqualTo("Cannot load the signing keys of issuer 127.0.0.1:"
					+ closedPort + " (zone tenant-1) (ConnectException)"));
		assertThat(output.getAll()).contains("(last: Cannot load the signing keys of issuer 127.0.0.1:" + closedPort
				+ " (zone tenant-1) (ConnectException))").doesNotContain("(null)");
	}

	@Test
	void aKeySetLargerThanTheLimitIsRefusedNamingTheProperty(CapturedOutput output) {
		BtpJwtDecoder decoder = xsuaaDecoder(new ResponseBodies(DataSize.ofBytes(256)), fixture.uaaDomain());
		assertThatExceptionOfType(KeysUnavailableException.class).isThrownBy(() -> decoder.verify(token()))
			.satisfies((ex) -> assertThat(ex.detail()).endsWith("(GET http://" + fixture.uaaDomain()
					+ "/token_keys?zid=tenant-1: the answer is larger than btp.http.max-response-size (256B))"));
		assertThat(output.getAll()).contains("the answer is larger than btp.http.max-response-size (256B)");
		BtpJwtDecoder roomy = xsuaaDecoder(new ResponseBodies(DataSize.ofKilobytes(4)), fixture.uaaDomain());
		assertThat(roomy.verify(token()).jwt().getClaimAsString("user_name")).isEqualTo("alice");
	}

	@Test
	void aDiscoveryDocumentLargerThanTheLimitIsRefusedNamingTheProperty() {
		fixture.server.stubFor(get(urlPathEqualTo("/.well-known/openid-configuration")).willReturn(
				okJson("{\"issuer\":\"" + fixture.iasUrl() + "\",\"jwks_uri\":\"" + fixture.iasUrl()
						+ "/oauth2/certs\",\"padding\":\"" + "p".repeat(2048) + "\"}")));
		IdentityCredentials identity = new IdentityCredentials("i", JwtFixture.IAS_CLIENT, new ClientSecret("s"),
				URI.create(fixture.iasUrl()), List.of("accounts.example.com"), null);
		KeysHttpClient http = new KeysHttpClient(Duration.ofSeconds(1), Duration.ofSeconds(5),
				new ResponseBodies(DataSize.ofKilobytes(2)));
		BtpJwtDecoder decoder = new BtpJwtDecoder(
				List.of(new IasIssuer(identity, http, new Rs256Decoders(this.clock, List.of()))), this.clock);
		String token = JwtFixture.sign(fixture.iasKey, fixture.iasClaims()
			.issueTime(Date.from(this.clock.instant()))
			.expirationTime(Date.from(this.clock.instant().plusSeconds(600)))
			.build());
		assertThatExceptionOfType(KeysUnavailableException.class).isThrownBy(() -> decoder.verify(token))
			.satisfies((ex) -> assertThat(ex.detail()).endsWith("(GET " + fixture.iasUrl()
					+ "/.well-known/openid-configuration: the answer is larger than btp.http.max-response-size (2KB))"));
	}

	private BtpJwtDecoder xsuaaDecoder(ResponseBodies bodies, String uaaDomain) {
		XsuaaCredentials xsuaa = new XsuaaCredentials("x", JwtFixture.XSUAA_CLIENT, new ClientSecret("s"),
				URI.create("http://" + uaaDomain), uaaDomain, JwtFixture.XSAPPNAME, null, null, null);
		KeysHttpClient http = new KeysHttpClient(Duration.ofSeconds(1), Duration.ofSeconds(5), bodies);
		return new BtpJwtDecoder(List.of(new XsuaaIssuer(xsuaa, http, new Rs256Decoders(this.clock, List.of()))),
				this.clock);
	}

	private String token() {
		return token(fixture.xsuaaKey);
	}

	private String token(RSAKey key) {
		return JwtFixture.sign(key, fixture.xsuaaClaims()
			.issueTime(Date.from(this.clock.instant()))
			.expirationTime(Date.from(this.clock.instant().plusSeconds(600)))
			.build());
	}

	private static String hostileKeySet() {
		Map<String, Object> key = new HashMap<>(Map.of("kty", "EC", "crv", HOSTILE, "x", "AQAB", "y", "AQAB"));
		return new tools.jackson.databind.json.JsonMapper().writeValueAsString(Map.of("keys", List.of(key)));
	}

	private static void assertCleaned(CapturedOutput output) {
		assertThat(output.getAll().lines()).noneMatch((line) -> line.startsWith("FORGED"));
		assertThat(output.getAll()).doesNotContain(ECHOED_JWT)
			.doesNotContain(ECHOED_JWT.substring(ECHOED_JWT.lastIndexOf('.') + 1))
			.doesNotContain(LONG_BASE64);
	}

}
