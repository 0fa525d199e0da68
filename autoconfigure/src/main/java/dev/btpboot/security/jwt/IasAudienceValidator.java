package dev.btpboot.security.jwt;

import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * An IAS token is for this application when its {@code aud} contains the binding's
 * {@code clientid}: a user's token for this application, or a consumer application's token
 * requested for it (App2App).
 */
final class IasAudienceValidator implements OAuth2TokenValidator<Jwt> {

	private final String clientId;

	IasAudienceValidator(String clientId) {
		this.clientId = clientId;
	}

	@Override
	public OAuth2TokenValidatorResult validate(Jwt jwt) {
		return JwtClaims.strings(jwt.getClaims().get("aud")).contains(this.clientId) ? OAuth2TokenValidatorResult.success()
				: Rs256Decoders.failure("The token's audience does not include this application");
	}

}
