package dev.btpboot.security.jwt;

import java.net.InetSocketAddress;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import dev.btpboot.binding.ClientSecret;
import dev.btpboot.binding.IdentityCredentials;
import dev.btpboot.binding.XsuaaCredentials;
import dev.btpboot.security.BtpUser;
import dev.btpboot.testing.MutableClock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtValidationException;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The decoder against a WireMock XSUAA and IAS with a clock the test controls: key rotation, the
 * refresh rate limit, JWKS outages, single-flight loads, routing by issuer, remembered tokens.
 */
@ExtendWith(OutputCaptureExtension.class)
class BtpJwtDecoderTests {

	static final JwtFixture fixture = new JwtFixture().start();

	final MutableClock clock = new MutableClock(Instant.now());

	final KeysHttpClient http = new KeysHttpClient(Duration.ofSeconds(1), Duration.ofSeconds(5), JwtFixture.BODIES);

	final Rs256Decoders decoders = new Rs256Decoders(this.clock, List.of());

	final BtpJwtAuthenticationConverter users = new BtpJwtAuthenticationConverter(
			List.of(new IasUsers(iasCredentials()), new XsuaaUsers(xsuaaCredentials())));

	BtpJwtDecoder decoder;

	@BeforeEach
	void reset() {
		fixture.server.resetAll();
		fixture.stubKeys();
		this.decoder = new BtpJwtDecoder(List.of(ias(), xsuaa()), this.clock);
	}

	/** A token verified by the decoder, with the user the starter's converter finds in it. */
	record Verified(Jwt jwt, BtpUser user) {
	}

	private Verified verify(BtpJwtDecoder decoder, String token) {
		return verify(decoder, this.users, token);
	}

	private static Verified verify(BtpJwtDecoder decoder, BtpJwtAuthenticationConverter users, String token) {
		Jwt jwt = decoder.verify(token).jwt();
		return new Verified(jwt, users.user(jwt));
	}

	@AfterAll
	static void stop() {
		fixture.server.stop();
	}

	@Test
	void newKidIsAcceptedAfterOneRefresh() {
		assertThat(verify(this.decoder, xsuaaToken(fixture.xsuaaKey)).user().name()).isEqualTo("alice");
		RSAKey rotated = JwtFixture.key("xsuaa-key-2");
		fixture.publishXsuaaKeys(fixture.xsuaaKey, rotated);
		this.clock.advance(CachingJwkSource.MIN_REFRESH_INTERVAL.plusSeconds(1));
		assertThat(verify(this.decoder, xsuaaToken(rotated)).user().name()).isEqualTo("alice");
		assertThat(verify(this.decoder, xsuaaToken(fixture.xsuaaKey)).user().name()).isEqualTo("alice");
		assertThat(keyRequests("/token_keys")).isEqualTo(2);
	}

	@Test
	void unknownKidRefreshesAtMostOncePerInterval() {
		verify(this.decoder, xsuaaToken(fixture.xsuaaKey));
		RSAKey unpublished = JwtFixture.key("unpublished");
		for (int i = 0; i < 5; i++) {
			assertRefused(xsuaaToken(unpublished));
		}
		assertThat(keyRequests("/token_keys")).isEqualTo(1);
		this.clock.advance(CachingJwkSource.MIN_REFRESH_INTERVAL.plusSeconds(1));
		for (int i = 0; i < 5; i++) {
			assertRefused(xsuaaToken(unpublished));
		}
		assertThat(keyRequests("/token_keys")).isEqualTo(2);
	}

	@Test
	void cachedKeysKeepWorkingWhileTheKeyEndpointIsDown(CapturedOutput output) {
		verify(this.decoder, xsuaaToken(fixture.xsuaaKey));
		fixture.server.stubFor(get(urlPathEqualTo("/token_keys")).willReturn(aResponse().withStatus(503)));
		this.clock.advance(CachingJwkSource.MIN_REFRESH_INTERVAL.plusSeconds(1));
		assertRefused(xsuaaToken(JwtFixture.key("rotated-while-down")));
		assertThat(keyRequests("/token_keys")).isEqualTo(2);
		assertThat(verify(this.decoder, xsuaaToken(fixture.xsuaaKey)).user().name()).isEqualTo("alice");
		assertThat(output).contains("Cannot load the signing keys of issuer " + fixture.uaaDomain(),
				"HTTP 503", "keeping 1 cached key(s)");
	}

	@Test
	void unknownKidRefreshAndOutageAreRuledPerZone() {
		RSAKey zoneAKey = JwtFixture.key("zone-a-key");
		RSAKey zoneBKey = JwtFixture.key("zone-b-key");
		fixture.publishXsuaaZoneKeys("zone-a", zoneAKey);
		fixture.publishXsuaaZoneKeys("zone-b", zoneBKey);
		assertThat(verify(this.decoder, zoneToken(zoneAKey, "zone-a")).user().tenant()).isEqualTo("zone-a");
		assertThat(verify(this.decoder, zoneToken(zoneBKey, "zone-b")).user().tenant()).isEqualTo("zone-b");
		this.clock.advance(CachingJwkSource.MIN_REFRESH_INTERVAL.plusSeconds(1));
		for (int i = 0; i < 5; i++) {
			assertRefused(zoneToken(JwtFixture.key("unpublished"), "zone-a"));
		}
		RSAKey zoneBRotated = JwtFixture.key("zone-b-key-2");
		fixture.publishXsuaaZoneKeys("zone-b", zoneBKey, zoneBRotated);
		assertThat(verify(this.decoder, zoneToken(zoneBRotated, "zone-b")).user().tenant())
			.as("zone-a's refresh does not hold back zone-b's")
			.isEqualTo("zone-b");
		assertThat(zoneKeyRequests("zone-a")).isEqualTo(2);
		assertThat(zoneKeyRequests("zone-b")).isEqualTo(2);
		fixture.server.stubFor(get(urlPathEqualTo("/token_keys")).atPriority(1)
			.withQueryParam("zid", equalTo("zone-a"))
			.willReturn(aResponse().withStatus(503)));
		this.clock.advance(CachingJwkSource.MIN_REFRESH_INTERVAL.plusSeconds(1));
		assertRefused(zoneToken(JwtFixture.key("rotated-while-down"), "zone-a"));
		assertThat(verify(this.decoder, zoneToken(zoneAKey, "zone-a")).user().tenant())
			.as("zone-a's cached keys while its endpoint is down")
			.isEqualTo("zone-a");
		assertThat(verify(this.decoder, zoneToken(zoneBKey, "zone-b")).user().tenant()).isEqualTo("zone-b");
		assertThat(zoneKeyRequests("zone-a")).isEqualTo(3);
		assertThat(zoneKeyRequests("zone-b")).isEqualTo(2);
	}

	private String zoneToken(RSAKey key, String zone) {
		return JwtFixture.sign(key, fixture.xsuaaClaims()
			.claim("zid", zone)
			.issueTime(Date.from(this.clock.instant()))
			.expirationTime(Date.from(this.clock.instant().plusSeconds(600)))
			.build());
	}

	private static int zoneKeyRequests(String zone) {
		return fixture.server
			.countRequestsMatching(getRequestedFor(urlPathEqualTo("/token_keys")).withQueryParam("zid", equalTo(zone))
				.withHeader("x-zid", equalTo(zone))
				.build())
			.getCount();
	}

	@Test
	void concurrentFirstRequestsLoadKeysOnce() throws Exception {
		fixture.server.stubFor(get(urlPathEqualTo("/token_keys")).willReturn(aResponse().withFixedDelay(300)
			.withHeader("Content-Type", "application/json")
			.withBody(new com.nimbusds.jose.jwk.JWKSet(fixture.xsuaaKey).toPublicJWKSet().toString())));
		List<Callable<String>> requests = new ArrayList<>();
		for (int i = 0; i < 16; i++) {
			String xsuaa = xsuaaToken(fixture.xsuaaKey, "user-" + i);
			String ias = JwtFixture.sign(fixture.iasKey, fixture.iasClaims().subject("ias-" + i).build());
			requests.add(() -> verify(this.decoder, xsuaa).user().name());
			requests.add(() -> verify(this.decoder, ias).user().name());
		}
		ExecutorService executor = Executors.newFixedThreadPool(16);
		try {
			for (Future<String> result : executor.invokeAll(requests)) {
				assertThat(result.get()).isNotBlank();
			}
		}
		finally {
			executor.shutdownNow();
		}
		assertThat(keyRequests("/token_keys")).isEqualTo(1);
		assertThat(keyRequests("/.well-known/openid-configuration")).isEqualTo(1);
		assertThat(keyRequests("/oauth2/certs")).isEqualTo(1);
	}

	@Test
	void tokenIsRoutedByIssuerNotByWhicheverAccepts() {
		BtpJwtDecoder iasOnly = new BtpJwtDecoder(List.of(ias()), this.clock);
		assertThatExceptionOfType(UntrustedTokenException.class)
			.isThrownBy(() -> verify(iasOnly, xsuaaToken(fixture.xsuaaKey)))
			.withMessage("The token's issuer is not trusted");
		assertThat(verify(iasOnly, JwtFixture.sign(fixture.iasKey, fixture.iasClaims().build())).user().name())
			.isEqualTo("bob@example.com");
		BtpJwtDecoder xsuaaOnly = new BtpJwtDecoder(List.of(xsuaa()), this.clock);
		assertThatExceptionOfType(UntrustedTokenException.class)
			.isThrownBy(() -> verify(xsuaaOnly, JwtFixture.sign(fixture.iasKey, fixture.iasClaims().build())));
	}

	@Test
	void expiryIsCheckedWithSmallSkewAlsoForRememberedTokens() {
		String token = JwtFixture.sign(fixture.xsuaaKey, fixture.xsuaaClaims()
			.expirationTime(Date.from(this.clock.instant().plusSeconds(60)))
			.build());
		assertThat(verify(this.decoder, token).jwt().getTokenValue()).isEqualTo(token);
		assertThat(verify(this.decoder, token).jwt().getTokenValue()).isEqualTo(token);
		this.clock.advance(Duration.ofSeconds(60).plus(Rs256Decoders.CLOCK_SKEW).plusSeconds(1));
		assertThatExceptionOfType(JwtValidationException.class).isThrownBy(() -> verify(this.decoder, token))
			.withMessageContaining("expired");
	}

	@Test
	void aTokenTheApplicationObtainedIsVerifiedRememberedAndMayBeBoundToItsOwnCertificate() {
		String bound = JwtFixture.sign(fixture.xsuaaKey, fixture.xsuaaClaims()
			.claim("cnf", Map.of("x5t#S256", "dGhlLWFwcGxpY2F0aW9ucy1vd24tY2VydGlmaWNhdGU"))
			.issueTime(Date.from(this.clock.instant()))
			.expirationTime(Date.from(this.clock.instant().plusSeconds(600)))
			.build());
		assertThatExceptionOfType(UntrustedTokenException.class).isThrownBy(() -> this.decoder.decode(bound));
		Jwt obtained = this.decoder.decodeObtained(bound);
		assertThat(obtained.getTokenValue()).isEqualTo(bound);
		assertThat(this.decoder.decodeObtained(bound)).as("remembered").isSameAs(obtained);
		assertThat(keyRequests("/token_keys")).isEqualTo(1);
		String forged = xsuaaToken(JwtFixture.key(fixture.xsuaaKey.getKeyID()));
		assertThatExceptionOfType(RuntimeException.class).isThrownBy(() -> this.decoder.decodeObtained(forged));
	}

	@Test
	void forgedIssuersCannotLockOutANewSubscriber(CapturedOutput output) {
		// IAS bound to domain "localhost": tenants are http://<tenant>.localhost:<port>, and the key
		// client reaches them through WireMock as its proxy, as no DNS knows such names.
		KeysHttpClient viaWireMock = new KeysHttpClient(HttpClient.newBuilder()
			.proxy(ProxySelector.of(new InetSocketAddress("127.0.0.1", fixture.server.port())))
			.build(), Duration.ofSeconds(5), JwtFixture.BODIES);
		IdentityCredentials identity = new IdentityCredentials("i", JwtFixture.IAS_CLIENT, new ClientSecret("s"),
				URI.create(fixture.iasUrl()), List.of("localhost"), null);
		IasIssuer trust = new IasIssuer(identity, viaWireMock, this.decoders);
		BtpJwtDecoder decoder = new BtpJwtDecoder(List.of(trust), this.clock);
		BtpJwtAuthenticationConverter users = new BtpJwtAuthenticationConverter(List.of(new IasUsers(identity)));
		RSAKey subscriberKey = JwtFixture.key("subscriber-key");
		fixture.publishIasTenant("subscriber.localhost", subscriberKey);
		String boundTenant = iasToken(fixture.iasKey, fixture.iasUrl(), "bound-user");
		assertThat(verify(decoder, users, boundTenant).user().name()).isEqualTo("bound-user");
		RSAKey attackerKey = JwtFixture.key("attacker-key");
		for (int n = 0; n < 1000; n++) {
			String forged = iasToken(attackerKey, "http://t" + n + ".localhost:" + fixture.server.port(), "mallory");
			assertThatExceptionOfType(UntrustedTokenException.class).isThrownBy(() -> verify(decoder, users, forged));
		}
		int discoveries = keyRequests("/.well-known/openid-configuration");
		// One new scope (the bound tenant's) was tried before, so the forged issuers got one trial fewer.
		assertThat(discoveries).as("discovery requests for the bound tenant and 1000 forged issuers")
			.isEqualTo(ScopedDecoders.NEW_SCOPES_BURST);
		assertThat(output.getOut().split("Refused token\\(s\\) of IAS issuers/tenants/clients").length - 1)
			.as("refusals logged once a minute")
			.isEqualTo(1);
		assertThat(verify(decoder, users, iasToken(fixture.iasKey, fixture.iasUrl(), "bound-user-2")).user().name())
			.as("a tenant verified before is not affected")
			.isEqualTo("bound-user-2");
		this.clock.advance(ScopedDecoders.NEW_SCOPE_INTERVAL);
		String subscriber = "http://subscriber.localhost:" + fixture.server.port();
		assertThat(verify(decoder, users, iasToken(subscriberKey, subscriber, "carol")).user().name()).isEqualTo("carol");
		for (int n = 1000; n < 1100; n++) {
			String forged = iasToken(attackerKey, "http://t" + n + ".localhost:" + fixture.server.port(), "mallory");
			assertThatExceptionOfType(UntrustedTokenException.class).isThrownBy(() -> verify(decoder, users, forged));
		}
		assertThat(verify(decoder, users, iasToken(subscriberKey, subscriber, "dave")).user().name())
			.as("a subscriber verified once is kept")
			.isEqualTo("dave");
		assertThat(keyRequests("/.well-known/openid-configuration")).as("the subscriber's discovery only")
			.isEqualTo(discoveries + 1);
	}

	private String iasToken(RSAKey key, String issuer, String user) {
		return JwtFixture.sign(key, fixture.iasClaims()
			.issuer(issuer)
			.claim("email", user)
			.issueTime(Date.from(this.clock.instant()))
			.expirationTime(Date.from(this.clock.instant().plusSeconds(600)))
			.build());
	}

	@Test
	void iasIssuerMayBeASubdomainOfADomain() {
		IasIssuer trust = ias();
		assertThat(issued(trust, "https://tenant.accounts.example.com")).isTrue();
		assertThat(issued(trust, "https://a.b.accounts.example.com/")).isTrue();
		assertThat(issued(trust, "https://accounts.example.com")).isFalse();
		assertThat(issued(trust, "https://tenantaccounts.example.com")).isFalse();
		assertThat(issued(trust, "http://tenant.accounts.example.com")).isFalse();
		assertThat(issued(trust, fixture.iasUrl())).isTrue();
	}

	/** Whether the issuer routes a token of that {@code iss} to a decoder of its own. */
	private static boolean issued(TrustedIssuer trust, String issuer) {
		return trust.decoderFor(new JWSHeader(JWSAlgorithm.RS256), new JWTClaimsSet.Builder().issuer(issuer).build()) != null;
	}

	@Test
	void xsuaaAudienceRules() {
		XsuaaAudienceValidator trust = new XsuaaAudienceValidator(xsuaaCredentials());
		assertThat(trust.audienceMatches(jwt(List.of("sb-myapp!t1"), null, null))).isTrue();
		assertThat(trust.audienceMatches(jwt(List.of("myapp!t1.Viewer"), null, null))).as("cut at '.'").isTrue();
		assertThat(trust.audienceMatches(jwt(List.of("other"), "sb-myapp!t1", null))).as("azp").isTrue();
		assertThat(trust.audienceMatches(jwt(List.of(), null, List.of("myapp!t1.Viewer")))).as("scopes").isTrue();
		assertThat(trust.audienceMatches(jwt(List.of("other"), "other", List.of("myapp!t1.Viewer")))).isFalse();
		assertThat(trust.audienceMatches(jwt(List.of("myapp"), null, null))).isFalse();
		XsuaaAudienceValidator broker = new XsuaaAudienceValidator(new XsuaaCredentials("b", "sb-broker!b7",
				new ClientSecret("s"), URI.create("http://" + fixture.uaaDomain()), fixture.uaaDomain(), "broker!b7",
				null, null, null));
		assertThat(broker.audienceMatches(jwt(List.of("sb-clone-1!b7|sb-broker!b7"), null, null))).isTrue();
		assertThat(broker.audienceMatches(jwt(List.of("sb-clone-1!b7|broker!b7"), null, null)))
			.as("a clone of the broker's xsappname").isTrue();
		assertThat(broker.audienceMatches(jwt(List.of("sb-clone-1!b7|broker!b7.Read"), null, null)))
			.as("cut at '.' first").isTrue();
		assertThat(broker.audienceMatches(jwt(List.of("sb-clone-1!b7|other!b7"), null, null))).isFalse();
		assertThat(broker.audienceMatches(jwt(List.of("broker!b7|sb-clone-1!b7"), null, null)))
			.as("the broker must come after the '|'").isFalse();
		assertThat(trust.audienceMatches(jwt(List.of("sb-clone-1!b7|sb-myapp!t1"), null, null)))
			.as("only broker clients accept clones").isFalse();
	}

	private static Jwt jwt(List<String> aud, String azp, List<String> scope) {
		Jwt.Builder builder = Jwt.withTokenValue("t").header("alg", "RS256").claim("sub", "s");
		if (!aud.isEmpty()) {
			builder.audience(aud);
		}
		if (azp != null) {
			builder.claim("azp", azp);
		}
		if (scope != null) {
			builder.claim("scope", scope);
		}
		return builder.build();
	}

	private void assertRefused(String token) {
		assertThatExceptionOfType(RuntimeException.class).isThrownBy(() -> verify(this.decoder, token));
	}

	private static int keyRequests(String path) {
		return fixture.server.countRequestsMatching(getRequestedFor(urlPathEqualTo(path)).build()).getCount();
	}

	private String xsuaaToken(RSAKey key) {
		return xsuaaToken(key, "alice");
	}

	private String xsuaaToken(RSAKey key, String user) {
		return JwtFixture.sign(key, fixture.xsuaaClaims()
			.claim("user_name", user)
			.issueTime(Date.from(this.clock.instant()))
			.expirationTime(Date.from(this.clock.instant().plusSeconds(600)))
			.build());
	}

	private static XsuaaCredentials xsuaaCredentials() {
		return new XsuaaCredentials("x", JwtFixture.XSUAA_CLIENT, new ClientSecret("s"),
				URI.create("http://" + fixture.uaaDomain()), fixture.uaaDomain(), JwtFixture.XSAPPNAME, null, null, null);
	}

	private static IdentityCredentials iasCredentials() {
		return new IdentityCredentials("i", JwtFixture.IAS_CLIENT, new ClientSecret("s"), URI.create(fixture.iasUrl()),
				List.of("accounts.example.com"), null);
	}

	private XsuaaIssuer xsuaa() {
		return new XsuaaIssuer(xsuaaCredentials(), this.http, this.decoders);
	}

	private IasIssuer ias() {
		return new IasIssuer(iasCredentials(), this.http, this.decoders);
	}

}
