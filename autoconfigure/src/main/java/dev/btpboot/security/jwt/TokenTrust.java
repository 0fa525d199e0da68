package dev.btpboot.security.jwt;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import jakarta.servlet.http.HttpServletRequest;

import dev.btpboot.security.BtpUser;

import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/** The trust in one bound identity service (XSUAA or IAS): which tokens it issued and how to check them. */
interface TokenTrust {

	/** How far {@code exp} and {@code nbf} may be off between the issuer's clock and ours. */
	Duration CLOCK_SKEW = Duration.ofSeconds(30);

	/**
	 * @param claims the (not yet verified) claims of a token
	 * @return whether the token claims to come from this service, by its issuer
	 */
	boolean issued(JWTClaimsSet claims);

	/**
	 * Verifies signature, timestamps and audience.
	 * @param token the encoded token
	 * @param parsed the token, parsed
	 * @return the verified token
	 * @throws org.springframework.security.oauth2.jwt.JwtException when it is not valid
	 */
	Jwt decode(String token, SignedJWT parsed);

	/** @return the user of a verified token */
	BtpUser user(Jwt jwt);

	/**
	 * Checks what the token demands of the request carrying it, such as proof of possession.
	 * @throws org.springframework.security.core.AuthenticationException when the request does not satisfy it
	 */
	default void checkRequest(Jwt jwt, HttpServletRequest request) {
	}

	/**
	 * A Nimbus-based decoder that accepts RS256 signatures by keys of the given source only and
	 * requires {@code exp}.
	 */
	static NimbusJwtDecoder rs256Decoder(JWKSource<SecurityContext> keys, Clock clock,
			OAuth2TokenValidator<Jwt> audience) {
		DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
		processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.RS256, keys));
		// typ is not part of the XSUAA/IAS contract; the claims are checked by the validators below.
		processor.setJWSTypeVerifier((type, context) -> {
		});
		processor.setJWTClaimsSetVerifier((claims, context) -> {
		});
		NimbusJwtDecoder decoder = new NimbusJwtDecoder(processor);
		JwtTimestampValidator timestamps = new JwtTimestampValidator(CLOCK_SKEW);
		timestamps.setAllowEmptyExpiryClaim(false);
		timestamps.setClock(clock);
		decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(timestamps, audience));
		return decoder;
	}

	/** A failed validation with a fixed description that never echoes token content. */
	static OAuth2TokenValidatorResult failure(String description) {
		return OAuth2TokenValidatorResult.failure(new OAuth2Error("invalid_token", description, null));
	}

	/** A claim that is a list or a space-separated string, as strings. */
	static List<String> strings(Object claim) {
		List<String> values = new ArrayList<>();
		if (claim instanceof Collection<?> items) {
			items.forEach((item) -> values.add(String.valueOf(item)));
		}
		else if (claim instanceof String text) {
			for (String value : text.split(" ")) {
				if (!value.isEmpty()) {
					values.add(value);
				}
			}
		}
		return values;
	}

	/** The first of the given claims that is a non-empty string. */
	static String firstString(Map<String, Object> claims, String... names) {
		for (String name : names) {
			if (claims.get(name) instanceof String value && !value.isEmpty()) {
				return value;
			}
		}
		return null;
	}

}
