package dev.btpboot.security.jwt;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.btpboot.binding.XsuaaCredentials;
import dev.btpboot.security.BtpUser;

import org.springframework.security.oauth2.jwt.Jwt;

/**
 * The users of XSUAA tokens: scopes {@code <xsappname>.X} become role X, {@code zid} the tenant,
 * {@code ext_attr.zdn} the subdomain, {@code xs.user.attributes} the attributes. A token of grant
 * type {@code client_credentials} or {@code client_x509} has no user: its caller is technical,
 * named by its client id.
 */
final class XsuaaUsers implements TokenUsers {

	/** Grants without a user: the token's client is the caller. */
	private static final Set<String> TECHNICAL_GRANTS = Set.of("client_credentials", "client_x509");

	private final String uaaDomain;

	private final String scopePrefix;

	XsuaaUsers(XsuaaCredentials credentials) {
		this.uaaDomain = credentials.uaaDomain();
		this.scopePrefix = credentials.xsAppName() + ".";
	}

	@Override
	public BtpUser user(Jwt jwt) {
		Map<String, Object> claims = jwt.getClaims();
		if (!Issuers.isXsuaa(claims, this.uaaDomain)) {
			return null;
		}
		Set<String> roles = new LinkedHashSet<>();
		for (String scope : JwtClaims.strings(claims.get("scope"))) {
			if (scope.startsWith(this.scopePrefix) && scope.length() > this.scopePrefix.length()) {
				roles.add(scope.substring(this.scopePrefix.length()));
			}
		}
		String subdomain = (claims.get("ext_attr") instanceof Map<?, ?> ext && ext.get("zdn") instanceof String zdn)
				? zdn : null;
		Map<String, List<String>> attributes = new LinkedHashMap<>();
		if (claims.get("xs.user.attributes") instanceof Map<?, ?> userAttributes) {
			userAttributes.forEach((key, value) -> attributes.put(String.valueOf(key), JwtClaims.strings(value)));
		}
		String grantType = JwtClaims.firstString(claims, "grant_type");
		boolean technical = grantType != null && TECHNICAL_GRANTS.contains(grantType);
		String name = technical ? JwtClaims.firstString(claims, "client_id", "cid", "azp", "sub")
				: JwtClaims.firstString(claims, "user_name", "client_id", "cid", "azp", "sub");
		return new BtpUser((name != null) ? name : "unknown", JwtClaims.firstString(claims, "zid"), subdomain, roles,
				attributes, null, jwt.getTokenValue(), technical);
	}

}
