package dev.btpboot.security.jwt;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;

import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/**
 * Makes the decoder of one key set: RS256 signatures by its keys only, {@code exp} required,
 * timestamps within {@link #CLOCK_SKEW}, then the issuer's audience rule and the application's own
 * {@code OAuth2TokenValidator<Jwt>} beans, in that order.
 */
final class Rs256Decoders {

	/** How far {@code exp} and {@code nbf} may be off between the issuer's clock and ours. */
	static final Duration CLOCK_SKEW = Duration.ofSeconds(30);

	private final Clock clock;

	private final List<OAuth2TokenValidator<Jwt>> additionalValidators;

	Rs256Decoders(Clock clock, List<OAuth2TokenValidator<Jwt>> additionalValidators) {
		this.clock = clock;
		this.additionalValidators = List.copyOf(additionalValidators);
	}

	Clock clock() {
		return this.clock;
	}

	NimbusJwtDecoder decoder(JWKSource<SecurityContext> keys, OAuth2TokenValidator<Jwt> audience) {
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
		timestamps.setClock(this.clock);
		List<OAuth2TokenValidator<Jwt>> validators = new ArrayList<>();
		validators.add(timestamps);
		validators.add(audience);
		validators.addAll(this.additionalValidators);
		decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(validators));
		return decoder;
	}

	/** A failed validation with a fixed description that never echoes token content. */
	static OAuth2TokenValidatorResult failure(String description) {
		return OAuth2TokenValidatorResult.failure(new OAuth2Error("invalid_token", description, null));
	}

}
