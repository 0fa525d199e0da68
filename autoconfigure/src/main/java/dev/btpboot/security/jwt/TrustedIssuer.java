package dev.btpboot.security.jwt;

import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jwt.JWTClaimsSet;

import org.springframework.security.oauth2.jwt.JwtDecoder;

/** One bound identity service (XSUAA or IAS) as the {@link BtpJwtDecoder} routes tokens to it. */
interface TrustedIssuer {

	/**
	 * @param header the token's header, not verified yet
	 * @param claims the token's claims, not verified yet
	 * @return the decoder for the token's key scope when the token names this issuer, else
	 * {@code null}
	 * @throws UntrustedTokenException when the token names this issuer but asks for keys it may
	 * not (a foreign {@code jku}, a key scope claim that is no plain identifier)
	 */
	JwtDecoder decoderFor(JWSHeader header, JWTClaimsSet claims);

	/**
	 * Forgets the keys kept for a tenant's tokens, as when it unsubscribed.
	 * @param tenantId the tenant's id ({@code zid}, {@code app_tid})
	 */
	void evictTenant(String tenantId);

	/**
	 * @return whether its tokens bound to a client certificate ({@code cnf}) must come with it:
	 * IAS issues such tokens, XSUAA's are taken as they always were
	 */
	default boolean provesPossession() {
		return false;
	}

}
