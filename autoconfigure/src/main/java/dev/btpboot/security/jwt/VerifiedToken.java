package dev.btpboot.security.jwt;

import java.time.Instant;
import java.util.List;

import dev.btpboot.security.BtpUser;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;

/** A token whose signature, issuer, audience and timestamps were verified, with its user. */
record VerifiedToken(Jwt jwt, TokenTrust trust, BtpUser user, List<GrantedAuthority> authorities) {

	/** Still within its lifetime: signature and audience cannot change, {@code exp} can pass. */
	boolean validAt(Instant now) {
		Instant expiresAt = this.jwt.getExpiresAt();
		return expiresAt != null && now.isBefore(expiresAt.plus(TokenTrust.CLOCK_SKEW));
	}

}
