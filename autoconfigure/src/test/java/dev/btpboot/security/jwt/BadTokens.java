package dev.btpboot.security.jwt;

import java.net.URI;
import java.time.Instant;
import java.util.Date;
import java.util.List;
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
import org.junit.jupiter.api.Named;

/**
 * The corpus of bad tokens for a {@link JwtFixture}'s XSUAA and IAS, shared by the servlet
 * ({@link JwtModeHttpTests}) and the reactive ({@code ReactiveJwtModeHttpTests}) chain: each must
 * be refused with a 401, never a 500.
 */
public final class BadTokens {

	private BadTokens() {
	}

	/**
	 * @param fixture the XSUAA and IAS the application under test trusts
	 * @return tokens that each must be refused with a 401, named for the test report
	 */
	public static Stream<Named<String>> of(JwtFixture fixture) throws Exception {
		RSAKey otherKey = JwtFixture.key("other-key");
		Instant now = Instant.now();
		String valid = JwtFixture.sign(fixture.xsuaaKey, fixture.xsuaaClaims().build());
		String[] parts = valid.split("\\.");
		ECKey ecKey = new ECKeyGenerator(Curve.P_256).keyID(fixture.xsuaaKey.getKeyID()).generate();
		return Stream.of(
				named("alg none", new PlainJWT(fixture.xsuaaClaims().build()).serialize()),
				named("HS256 signed with the public key", hs256WithPublicKey(fixture)),
				named("unknown kid", JwtFixture.sign(otherKey, fixture.xsuaaClaims().build())),
				named("known kid, other key", sign(otherKey, fixture.xsuaaKey.getKeyID(), fixture.xsuaaClaims().build())),
				named("expired", xsuaa(fixture, fixture.xsuaaClaims().expirationTime(Date.from(now.minusSeconds(3600))))),
				named("nbf in the future", xsuaa(fixture, fixture.xsuaaClaims().notBeforeTime(Date.from(now.plusSeconds(3600))))),
				named("missing exp", xsuaa(fixture, fixture.xsuaaClaims().expirationTime(null))),
				named("exp not a number", xsuaa(fixture, fixture.xsuaaClaims().claim("exp", "tomorrow"))),
				named("wrong issuer", xsuaa(fixture, fixture.xsuaaClaims().issuer("https://evil.example.com/oauth/token"))),
				named("issuer only looking like uaadomain",
						xsuaa(fixture, fixture.xsuaaClaims().issuer("https://x" + fixture.uaaDomain() + "/oauth/token"))),
				named("wrong audience", xsuaa(fixture, fixture.xsuaaClaims().audience("other-app").claim("azp", "other-app")
					.claim("scope", List.of("other!t2.Viewer")))),
				named("no audience, foreign scopes", xsuaa(fixture, fixture.xsuaaClaims().audience((String) null)
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
				named("empty", ""),
				named("blank", "   "),
				named("padded", valid + "="),
				named("base64 instead of base64url", valid.replace('-', '+').replace('_', '/')),
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
				named("IAS issuer outside domains", ias(fixture, fixture.iasClaims().issuer("https://tenant.evil.example.com"))),
				named("IAS issuer equal to a domain, not a subdomain",
						ias(fixture, fixture.iasClaims().issuer("https://accounts.example.com"))),
				named("IAS issuer with encoded characters",
						ias(fixture, fixture.iasClaims().issuer("https://tenant%2eaccounts.example.com"))),
				named("IAS issuer with an invisible character",
						ias(fixture, fixture.iasClaims().issuer("https://tenant\u200b.accounts.example.com"))),
				named("IAS issuer with user info",
						ias(fixture, fixture.iasClaims().issuer(fixture.iasUrl() + "@evil.example.com"))),
				named("IAS issuer with a path", ias(fixture, fixture.iasClaims().issuer(fixture.iasUrl() + "/evil"))),
				named("IAS ias_iss outside domains", ias(fixture, fixture.iasClaims().claim("ias_iss", "https://evil.example.com"))),
				named("IAS wrong audience", ias(fixture, fixture.iasClaims().audience("other-client"))),
				named("IAS issuer, XSUAA key", JwtFixture.sign(fixture.xsuaaKey, fixture.iasClaims().build())),
				named("XSUAA issuer, IAS key", JwtFixture.sign(fixture.iasKey, fixture.xsuaaClaims().build())));
	}

	private static Named<String> named(String name, String token) {
		return Named.of(name, token);
	}

	private static String xsuaa(JwtFixture fixture, JWTClaimsSet.Builder claims) {
		return JwtFixture.sign(fixture.xsuaaKey, claims.build());
	}

	private static String ias(JwtFixture fixture, JWTClaimsSet.Builder claims) {
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

	private static String hs256WithPublicKey(JwtFixture fixture) throws Exception {
		SignedJWT jwt = new SignedJWT(
				new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(fixture.xsuaaKey.getKeyID()).build(),
				fixture.xsuaaClaims().build());
		jwt.sign(new MACSigner(fixture.xsuaaKey.toRSAPublicKey().getEncoded()));
		return jwt.serialize();
	}

}
