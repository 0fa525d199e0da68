package dev.btpboot.security.jwt;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jwt.JWTClaimsSet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import dev.btpboot.binding.IdentityCredentials;
import dev.btpboot.binding.ServiceBinding;
import dev.btpboot.binding.ServiceBindings;
import dev.btpboot.binding.XsuaaCredentials;

import org.springframework.security.oauth2.jwt.Jwt;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The public issuer rule says of every token what the {@link BtpJwtDecoder}'s routing does: the
 * bound IAS first, then the bound XSUAA, else neither; whatever the token's audience says.
 */
class TokenIssuersTests {

	private static final String IAS_URL = "https://myias.accounts.example.com";

	/** Two bindings whose trusted issuers overlap: the IAS domain is the XSUAA's uaadomain too. */
	private static final ServiceBindings bindings = new ServiceBindings(List.of(
			new ServiceBinding("my-ias", "identity", null, List.of(),
					Map.of("clientid", "ias-client", "clientsecret", "s", "url", IAS_URL, "domains",
							List.of("accounts.example.com")),
					"test"),
			new ServiceBinding("my-xsuaa", "xsuaa", null, List.of(),
					Map.of("clientid", "sb-app!t1", "clientsecret", "s", "url", "https://sub.auth.example.com",
							"uaadomain", "auth.example.com", "xsappname", "app!t1"),
					"test")),
			Map.of());

	enum Issuer {

		IAS, XSUAA, NONE

	}

	static Stream<Map<String, Object>> tokens() {
		return Stream.of(Map.of("iss", IAS_URL, "aud", List.of("ias-client")),
				Map.of("iss", "https://subscriber.accounts.example.com/", "aud", List.of("ias-client")),
				Map.of("iss", "https://other.example.com", "ias_iss", IAS_URL),
				Map.of("iss", "https://accounts.example.com", "aud", List.of("ias-client")),
				Map.of("iss", "https://sub.auth.example.com/oauth/token", "aud", List.of("sb-app!t1")),
				Map.of("iss", "https://sub.auth.example.com/oauth/token", "aud", List.of("ias-client")),
				Map.of("iss", "https://auth.example.com.evil.example/oauth/token", "aud", List.of("sb-app!t1")),
				Map.of("iss", "http://sub.auth.example.com/oauth/token"),
				Map.of("iss", "https://subscriber.accounts.example.com/path", "aud", List.of("ias-client")),
				Map.of("aud", List.of("ias-client")), Map.of("iss", "https://evil.example.com", "aud", List.of("ias-client")),
				Map.of("iss", "https://tenant.auth.example.com/oauth/token", "ias_iss", IAS_URL));
	}

	@ParameterizedTest
	@MethodSource("tokens")
	void theRuleAgreesWithTheDecodersRoutingWhateverTheAudience(Map<String, Object> claims) throws Exception {
		TokenIssuers issuers = TokenIssuers.of(bindings);
		Jwt jwt = jwt(claims);
		Issuer byRule = issuers.isIas(jwt) ? Issuer.IAS : issuers.isXsuaa(jwt) ? Issuer.XSUAA : Issuer.NONE;
		assertThat(byRule).isEqualTo(routed(claims));
		assertThat(issuers.isIas(jwt) && issuers.isXsuaa(jwt)).as("one issuer at most").isFalse();
	}

	/** Where the decoder's issuers, in the decoder's order, route a token of these claims. */
	private static Issuer routed(Map<String, Object> claims) throws Exception {
		KeysHttpClient http = new KeysHttpClient(Duration.ofSeconds(1), Duration.ofSeconds(1), JwtFixture.BODIES);
		Rs256Decoders decoders = new Rs256Decoders(Clock.systemUTC(), List.of());
		JWSHeader header = new JWSHeader(JWSAlgorithm.RS256);
		JWTClaimsSet claimsSet = JWTClaimsSet.parse(claims);
		IdentityCredentials identity = bindings.identity().orElseThrow();
		XsuaaCredentials xsuaa = bindings.xsuaa().orElseThrow();
		if (new IasIssuer(identity, http, decoders).decoderFor(header, claimsSet) != null) {
			return Issuer.IAS;
		}
		return (new XsuaaIssuer(xsuaa, http, decoders).decoderFor(header, claimsSet) != null) ? Issuer.XSUAA
				: Issuer.NONE;
	}

	private static Jwt jwt(Map<String, Object> claims) {
		Instant now = Instant.now();
		return Jwt.withTokenValue("t")
			.header("alg", "RS256")
			.claims((all) -> all.putAll(claims))
			.issuedAt(now)
			.expiresAt(now.plusSeconds(60))
			.build();
	}

}
