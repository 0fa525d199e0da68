package dev.btpboot.security.jwt;

import java.time.Instant;
import java.util.List;

import dev.btpboot.security.BtpUser;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/**
 * A token whose signature, issuer, audience and timestamps were verified, as the
 * {@link BtpJwtDecoder} remembers it; with the user the starter's converter found in it, worked
 * out once per token (it depends on the token alone).
 */
final class VerifiedToken {

	private final Jwt jwt;

	private final boolean provesPossession;

	private volatile Converted converted;

	/**
	 * @param jwt the verified token
	 * @param provesPossession whether a certificate it is bound to must come with the request
	 */
	VerifiedToken(Jwt jwt, boolean provesPossession) {
		this.jwt = jwt;
		this.provesPossession = provesPossession;
	}

	Jwt jwt() {
		return this.jwt;
	}

	boolean provesPossession() {
		return this.provesPossession;
	}

	/** Still within its lifetime: signature and audience cannot change, {@code exp} can pass. */
	boolean validAt(Instant now) {
		Instant expiresAt = this.jwt.getExpiresAt();
		return expiresAt != null && now.isBefore(expiresAt.plus(Rs256Decoders.CLOCK_SKEW));
	}

	/** A new authentication per request, of the user found once. */
	JwtAuthenticationToken authentication(BtpJwtAuthenticationConverter converter) {
		Converted known = this.converted;
		if (known == null || known.converter != converter) {
			BtpUser user = converter.user(this.jwt);
			known = new Converted(converter, user, user.authorities());
			this.converted = known;
		}
		return new JwtAuthenticationToken(this.jwt, known.user, known.authorities);
	}

	private record Converted(BtpJwtAuthenticationConverter converter, BtpUser user,
			List<GrantedAuthority> authorities) {
	}

}
