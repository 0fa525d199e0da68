package dev.btpboot.security.jwt;

import dev.btpboot.security.BtpUser;

import org.springframework.security.oauth2.jwt.Jwt;

/** How one bound identity service's tokens name their user, for the {@link BtpJwtAuthenticationConverter}. */
interface TokenUsers {

	/**
	 * @param jwt a verified token
	 * @return its user when this service issued it (by the same issuer rule that routed it to
	 * its decoder), else {@code null}
	 */
	BtpUser user(Jwt jwt);

}
