package dev.btpboot.security.jwt;

import java.net.URI;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

import dev.btpboot.binding.IdentityCredentials;
import dev.btpboot.security.BtpUser;

import org.springframework.security.oauth2.jwt.Jwt;

/**
 * The users of IAS tokens: {@code groups} become the roles, {@code app_tid} the tenant, the
 * issuer's host the tenant's IAS host. A token
 * whose {@code sub} is its client ({@code azp}), without {@code user_uuid} and {@code email}, was
 * issued to an application for itself (client credentials): its caller is technical, named by its
 * client id, and the API permission groups granted to it ({@code ias_apis}, App2App) are roles as
 * they are, besides its {@code groups}.
 */
final class IasUsers implements TokenUsers {

	private final IdentityCredentials credentials;

	IasUsers(IdentityCredentials credentials) {
		this.credentials = credentials;
	}

	@Override
	public BtpUser user(Jwt jwt) {
		Map<String, Object> claims = jwt.getClaims();
		URI issuer = Issuers.iasIssuer(claims, this.credentials);
		if (issuer == null) {
			return null;
		}
		String tenant = JwtClaims.firstString(claims, "app_tid", "zone_uuid");
		String iasHost = Issuers.authority(issuer);
		if (isTechnical(claims)) {
			Set<String> roles = new LinkedHashSet<>(JwtClaims.strings(claims.get("ias_apis")));
			roles.addAll(JwtClaims.strings(claims.get("groups")));
			return new BtpUser(JwtClaims.firstString(claims, "sub"), tenant, null, roles, null, null,
					jwt.getTokenValue(), true, null, iasHost);
		}
		Set<String> roles = new LinkedHashSet<>(JwtClaims.strings(claims.get("groups")));
		String name = JwtClaims.firstString(claims, "user_name", "email", "sub");
		return new BtpUser((name != null) ? name : "unknown", tenant, null, roles, null, null, jwt.getTokenValue(),
				false, null, iasHost);
	}

	private static boolean isTechnical(Map<String, Object> claims) {
		String subject = JwtClaims.firstString(claims, "sub");
		return subject != null && subject.equals(claims.get("azp")) && !claims.containsKey("user_uuid")
				&& !claims.containsKey("email");
	}

}
