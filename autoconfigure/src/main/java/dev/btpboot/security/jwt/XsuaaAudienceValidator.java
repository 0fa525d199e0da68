package dev.btpboot.security.jwt;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import dev.btpboot.binding.XsuaaCredentials;

import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * An XSUAA token is for this application when its client ({@code azp}, {@code cid}) is ours, or
 * one of its audiences, cut at the first '.', is our client id or xsappname. Without
 * {@code aud}, audiences come from the scope prefixes. A broker clone ({@code !b} client) also
 * accepts {@code <clone>|<broker client id>}.
 */
final class XsuaaAudienceValidator implements OAuth2TokenValidator<Jwt> {

	private final String clientId;

	private final String xsAppName;

	XsuaaAudienceValidator(XsuaaCredentials credentials) {
		this.clientId = credentials.clientId();
		this.xsAppName = credentials.xsAppName();
	}

	@Override
	public OAuth2TokenValidatorResult validate(Jwt jwt) {
		return audienceMatches(jwt) ? OAuth2TokenValidatorResult.success()
				: Rs256Decoders.failure("The token's audience does not include this application");
	}

	boolean audienceMatches(Jwt jwt) {
		Set<String> audiences = new LinkedHashSet<>();
		List<String> aud = JwtClaims.strings(jwt.getClaims().get("aud"));
		aud.forEach((audience) -> audiences.add(cutAtDot(audience)));
		if (aud.isEmpty()) {
			JwtClaims.strings(jwt.getClaims().get("scope"))
				.stream()
				.filter((scope) -> scope.indexOf('.') > 0)
				.forEach((scope) -> audiences.add(cutAtDot(scope)));
		}
		String client = JwtClaims.firstString(jwt.getClaims(), "azp", "cid", "client_id");
		if (client != null) {
			audiences.add(client);
		}
		if (audiences.contains(this.clientId) || audiences.contains(this.xsAppName)) {
			return true;
		}
		boolean broker = this.clientId.contains("!b") || this.xsAppName.contains("!b");
		return broker && audiences.stream()
			.anyMatch((audience) -> audience.endsWith("|" + this.clientId) || audience.endsWith("|" + this.xsAppName));
	}

	private static String cutAtDot(String audience) {
		int dot = audience.indexOf('.');
		return (dot > 0) ? audience.substring(0, dot) : audience;
	}

}
