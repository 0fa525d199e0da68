package dev.btpboot.security.jwt;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import com.nimbusds.jose.JOSEException;
import dev.btpboot.binding.ClientSecret;
import dev.btpboot.binding.XsuaaCredentials;
import dev.btpboot.testing.MutableClock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The decoder's memories are bounded and start over or evict as documented (issue 19 §7: never
 * exercised before): verified tokens, and the verified key scopes of an issuer (least recently
 * used goes first). Bounds are lowered through package-private constructors; the rules are the
 * production ones.
 */
class JwtMemoryBoundsTests {

	static final JwtFixture fixture = new JwtFixture().start();

	private final MutableClock clock = new MutableClock(Instant.now());

	@AfterAll
	static void stop() {
		fixture.server.stop();
	}

	@Test
	void verifiedTokensAreRememberedUpToTheBoundThenTheMemoryStartsOver() {
		XsuaaCredentials xsuaa = new XsuaaCredentials("x", JwtFixture.XSUAA_CLIENT, new ClientSecret("s"),
				URI.create("http://" + fixture.uaaDomain()), fixture.uaaDomain(), JwtFixture.XSAPPNAME, null, null,
				null);
		BtpJwtDecoder decoder = new BtpJwtDecoder(List.of(new XsuaaIssuer(xsuaa,
				new KeysHttpClient(Duration.ofSeconds(1), Duration.ofSeconds(5), JwtFixture.BODIES),
				new Rs256Decoders(this.clock, List.of()))), this.clock, 3);
		String[] tokens = new String[4];
		for (int i = 0; i < tokens.length; i++) {
			tokens[i] = JwtFixture.sign(fixture.xsuaaKey, fixture.xsuaaClaims().claim("user_name", "user-" + i).build());
		}
		for (int i = 0; i < 3; i++) {
			assertThat(decoder.remembered(tokens[i])).isNull();
			assertThat(decoder.verify(tokens[i]).jwt().getClaimAsString("user_name")).isEqualTo("user-" + i);
		}
		assertThat(List.of(tokens[0], tokens[1], tokens[2])).as("three fit")
			.allSatisfy((token) -> assertThat(decoder.remembered(token)).isNotNull());
		assertThat(decoder.verify(tokens[0])).as("a remembered token is the same verification")
			.isSameAs(decoder.remembered(tokens[0]));
		decoder.verify(tokens[3]);
		assertThat(decoder.remembered(tokens[3])).isNotNull();
		assertThat(List.of(tokens[0], tokens[1], tokens[2])).as("the fourth started the memory over")
			.allSatisfy((token) -> assertThat(decoder.remembered(token)).isNull());
	}

	@Test
	void aVerifiedScopeIsKeptUntilTheBoundThenTheLeastRecentlyUsedGoes() throws JOSEException {
		Map<String, AtomicInteger> made = new ConcurrentHashMap<>();
		NimbusJwtDecoder keys = NimbusJwtDecoder.withPublicKey(fixture.xsuaaKey.toRSAPublicKey()).build();
		ScopedDecoders<String> scopes = new ScopedDecoders<>("test zones", (scope) -> {
			made.computeIfAbsent(scope, (s) -> new AtomicInteger()).incrementAndGet();
			return keys;
		}, this.clock, 2);
		String token = JwtFixture.sign(fixture.xsuaaKey, fixture.xsuaaClaims().build());
		scopes.decode("zone-a", token);
		this.clock.advance(Duration.ofSeconds(1));
		scopes.decode("zone-b", token);
		this.clock.advance(Duration.ofSeconds(1));
		scopes.decode("zone-a", token);
		this.clock.advance(Duration.ofSeconds(1));
		scopes.decode("zone-c", token);
		assertThat(made).as("each scope's decoder made once so far").hasSize(3)
			.allSatisfy((scope, count) -> assertThat(count).hasValue(1));
		scopes.decode("zone-a", token);
		scopes.decode("zone-c", token);
		assertThat(made.get("zone-a")).as("used most recently: kept").hasValue(1);
		assertThat(made.get("zone-c")).as("the newest: kept").hasValue(1);
		scopes.decode("zone-b", token);
		assertThat(made.get("zone-b")).as("least recently used: evicted, so tried anew").hasValue(2);
	}

}
