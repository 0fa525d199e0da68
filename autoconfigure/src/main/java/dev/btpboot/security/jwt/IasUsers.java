package dev.btpboot.security.jwt;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

import dev.btpboot.binding.IdentityCredentials;
import dev.btpboot.security.BtpUser;

import org.springframework.security.oauth2.jwt.Jwt;

/** The users of IAS tokens: {@code groups} become the roles, {@code app_tid} the tenant. */
final class IasUsers implements TokenUsers {

	private final IdentityCredentials credentials;

	IasUsers(IdentityCredentials credentials) {
		this.credentials = credentials;
	}

	@Override
	public BtpUser user(Jwt jwt) {
		Map<String, Object> claims = jwt.getClaims();
		if (Issuers.iasIssuer(claims, this.credentials) == null) {
			return null;
		}
		Set<String> roles = new LinkedHashSet<>(JwtClaims.strings(claims.get("groups")));
		String name = JwtClaims.firstString(claims, "user_name", "email", "sub");
		return new BtpUser((name != null) ? name : "unknown", JwtClaims.firstString(claims, "app_tid", "zone_uuid"),
				null, roles, null, null, jwt.getTokenValue());
	}

}
