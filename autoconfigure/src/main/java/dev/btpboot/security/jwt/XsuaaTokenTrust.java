package dev.btpboot.security.jwt;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import dev.btpboot.binding.XsuaaCredentials;
import dev.btpboot.security.BtpUser;

import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/**
 * Trust in the bound XSUAA: tokens whose issuer is under {@code uaadomain}, signed RS256 by a key
 * of the token's zone, {@code https://<uaadomain>/token_keys?zid=<zid>} with header
 * {@code x-zid} as SAP's own library asks (never of a {@code jku} elsewhere), meant for this
 * application's {@code clientid} or {@code xsappname}. Keys are kept per zone. Scopes
 * {@code <xsappname>.X} become role X.
 */
final class XsuaaTokenTrust implements TokenTrust {

	private final XsuaaCredentials credentials;

	private final String uaaDomain;

	private final String tokenKeys;

	private final KeysHttpClient http;

	private final Clock clock;

	private final ScopedDecoders<Zone> decoders;

	XsuaaTokenTrust(XsuaaCredentials credentials, KeysHttpClient http, Clock clock) {
		this.credentials = credentials;
		this.uaaDomain = credentials.uaaDomain();
		this.http = http;
		this.clock = clock;
		String host = this.uaaDomain.contains(":") ? this.uaaDomain.substring(0, this.uaaDomain.indexOf(':'))
				: this.uaaDomain;
		this.tokenKeys = (Issuers.isLoopback(host) ? "http" : "https") + "://" + this.uaaDomain + "/token_keys";
		this.decoders = new ScopedDecoders<>("XSUAA zones", this::decoder, clock);
	}

	/** An identity zone ({@code zid}); {@code null} for a token without one. */
	private record Zone(String id) {
	}

	private NimbusJwtDecoder decoder(Zone zone) {
		KeysLocation.Request request = (zone.id() != null)
				? new KeysLocation.Request(
						URI.create(this.tokenKeys + "?zid=" + URLEncoder.encode(zone.id(), StandardCharsets.UTF_8)),
						Map.of("x-zid", zone.id()))
				: new KeysLocation.Request(URI.create(this.tokenKeys), Map.of());
		String scope = "issuer " + this.uaaDomain + ((zone.id() != null) ? " (zone " + zone.id() + ")" : "");
		return TokenTrust.rs256Decoder(new CachingJwkSource(scope, () -> request, this.http, this.clock), this.clock,
				(jwt) -> audienceMatches(jwt) ? OAuth2TokenValidatorResult.success()
						: TokenTrust.failure("The token's audience does not include this application"));
	}

	@Override
	public boolean issued(JWTClaimsSet claims) {
		URI issuer = Issuers.strictUrl(claims.getIssuer());
		return issuer != null && Issuers.isSameOrSubdomain(Issuers.authority(issuer), this.uaaDomain);
	}

	@Override
	public Jwt decode(String token, SignedJWT parsed) {
		URI jku = parsed.getHeader().getJWKURL();
		if (jku != null) {
			URI url = Issuers.strictUrl(jku.toString());
			if (url == null || !Issuers.isSameOrSubdomain(Issuers.authority(url), this.uaaDomain)) {
				throw new UntrustedTokenException("The token's jku is outside the trusted uaadomain");
			}
		}
		try {
			return this.decoders.decode(new Zone(Issuers.keyScopeClaim(parsed.getJWTClaimsSet(), "zid")), token);
		}
		catch (ParseException ex) {
			throw new UntrustedTokenException("The token is malformed");
		}
	}

	/**
	 * The token is for this application when its client ({@code azp}, {@code cid}) is ours, or
	 * one of its audiences, cut at the first '.', is our client id or xsappname. Without
	 * {@code aud}, audiences come from the scope prefixes. A broker clone ({@code !b} client)
	 * also accepts {@code <clone>|<broker client id>}.
	 */
	boolean audienceMatches(Jwt jwt) {
		Set<String> audiences = new LinkedHashSet<>();
		List<String> aud = TokenTrust.strings(jwt.getClaims().get("aud"));
		aud.forEach((audience) -> audiences.add(cutAtDot(audience)));
		if (aud.isEmpty()) {
			TokenTrust.strings(jwt.getClaims().get("scope"))
				.stream()
				.filter((scope) -> scope.indexOf('.') > 0)
				.forEach((scope) -> audiences.add(cutAtDot(scope)));
		}
		String client = TokenTrust.firstString(jwt.getClaims(), "azp", "cid", "client_id");
		if (client != null) {
			audiences.add(client);
		}
		String clientId = this.credentials.clientId();
		String xsAppName = this.credentials.xsAppName();
		if (audiences.contains(clientId) || audiences.contains(xsAppName)) {
			return true;
		}
		boolean broker = clientId.contains("!b") || xsAppName.contains("!b");
		return broker && audiences.stream()
			.anyMatch((audience) -> audience.endsWith("|" + clientId) || audience.endsWith("|" + xsAppName));
	}

	private static String cutAtDot(String audience) {
		int dot = audience.indexOf('.');
		return (dot > 0) ? audience.substring(0, dot) : audience;
	}

	@Override
	public BtpUser user(Jwt jwt) {
		Map<String, Object> claims = jwt.getClaims();
		String prefix = this.credentials.xsAppName() + ".";
		Set<String> roles = new LinkedHashSet<>();
		for (String scope : TokenTrust.strings(claims.get("scope"))) {
			if (scope.startsWith(prefix) && scope.length() > prefix.length()) {
				roles.add(scope.substring(prefix.length()));
			}
		}
		String subdomain = (claims.get("ext_attr") instanceof Map<?, ?> ext && ext.get("zdn") instanceof String zdn)
				? zdn : null;
		Map<String, List<String>> attributes = new LinkedHashMap<>();
		if (claims.get("xs.user.attributes") instanceof Map<?, ?> userAttributes) {
			userAttributes.forEach((key, value) -> attributes.put(String.valueOf(key), TokenTrust.strings(value)));
		}
		String name = TokenTrust.firstString(claims, "user_name", "client_id", "cid", "azp", "sub");
		return new BtpUser((name != null) ? name : "unknown", TokenTrust.firstString(claims, "zid"), subdomain, roles,
				attributes, null, jwt.getTokenValue());
	}

}
