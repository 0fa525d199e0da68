package dev.btpboot.security.jwt;

import dev.btpboot.binding.IdentityCredentials;
import dev.btpboot.binding.ServiceBindings;
import dev.btpboot.binding.XsuaaCredentials;

import org.springframework.security.oauth2.jwt.Jwt;

/**
 * Which bound identity service issued a token, by the rule the {@link BtpJwtDecoder} routes tokens
 * to their issuer's keys with and the {@link BtpJwtAuthenticationConverter} finds their users with:
 * the bound IAS when the token's {@code ias_iss} (else {@code iss}) is the identity binding's
 * {@code url} or a subdomain of one of its {@code domains}; else the bound XSUAA when its
 * {@code iss} is under the xsuaa binding's {@code uaadomain}. For code that treats verified tokens
 * by their issuer, such as the token exchange, so that it cannot disagree with the decoder.
 */
public final class TokenIssuers {

	private final IdentityCredentials identity;

	private final String uaaDomain;

	private TokenIssuers(IdentityCredentials identity, String uaaDomain) {
		this.identity = identity;
		this.uaaDomain = uaaDomain;
	}

	/**
	 * @param bindings the service bindings
	 * @return the issuers of the bound xsuaa and identity services, as the decoder was built for
	 */
	public static TokenIssuers of(ServiceBindings bindings) {
		return new TokenIssuers(bindings.identity().orElse(null),
				bindings.xsuaa().map(XsuaaCredentials::uaaDomain).orElse(null));
	}

	/**
	 * @param jwt a verified token
	 * @return whether the bound IAS issued it
	 */
	public boolean isIas(Jwt jwt) {
		return this.identity != null && Issuers.iasIssuer(jwt.getClaims(), this.identity) != null;
	}

	/**
	 * @param jwt a verified token
	 * @return whether the bound XSUAA issued it; a token both rules would claim is the IAS's, as
	 * the decoder asks the IAS first
	 */
	public boolean isXsuaa(Jwt jwt) {
		return this.uaaDomain != null && !isIas(jwt) && Issuers.isXsuaa(jwt.getClaims(), this.uaaDomain);
	}

}
