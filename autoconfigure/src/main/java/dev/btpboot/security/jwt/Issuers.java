package dev.btpboot.security.jwt;

import java.net.URI;
import java.util.Locale;

import com.nimbusds.jwt.JWTClaimsSet;

/**
 * Checks on issuer and key URLs, and on the claims that scope key requests, that both XSUAA and
 * IAS trust rely on.
 */
final class Issuers {

	private Issuers() {
	}

	/**
	 * Plain HTTP is allowed only for these hosts, so tests can serve keys locally: {@code localhost},
	 * its subdomains (loopback names by RFC 6761) and {@code 127.0.0.1}.
	 */
	static boolean isLoopback(String host) {
		return host != null && (isSameOrSubdomain(host, "localhost") || "127.0.0.1".equals(host));
	}

	/**
	 * A claim that names the tenant, zone or client of a key request (sent as a query parameter
	 * and header): absent, or 1 to 256 printable ASCII characters without spaces.
	 * @return the value, or {@code null} when the token has no such claim
	 * @throws UntrustedTokenException when the claim is there but not such a value
	 */
	static String keyScopeClaim(JWTClaimsSet claims, String name) {
		Object value = claims.getClaim(name);
		if (value == null) {
			return null;
		}
		if (value instanceof String text && !text.isEmpty() && text.length() <= 256
				&& text.chars().allMatch((c) -> c > 0x20 && c < 0x7f)) {
			return text;
		}
		throw new UntrustedTokenException("The token's " + name + " claim is not a plain identifier");
	}

	/**
	 * Parses an issuer-like URL strictly: printable ASCII only (no percent-encoding, no invisible
	 * or white-space characters), https (http only for loopback hosts), a host, no user info,
	 * query or fragment.
	 * @return the URL, or {@code null} when it is not acceptable
	 */
	static URI strictUrl(String value) {
		if (value == null || value.isEmpty() || value.length() > 512) {
			return null;
		}
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			if (c <= 0x20 || c >= 0x7f || c == '%' || c == '\\') {
				return null;
			}
		}
		try {
			URI uri = new URI(value);
			String scheme = (uri.getScheme() != null) ? uri.getScheme().toLowerCase(Locale.ROOT) : "";
			boolean schemeAllowed = "https".equals(scheme) || ("http".equals(scheme) && isLoopback(uri.getHost()));
			if (!schemeAllowed || uri.getHost() == null || uri.getRawUserInfo() != null || uri.getRawQuery() != null
					|| uri.getRawFragment() != null) {
				return null;
			}
			return uri;
		}
		catch (Exception ex) {
			return null;
		}
	}

	/** {@code host[:port]} of a URL, lower case, the way a domain with an optional port is written. */
	static String authority(URI uri) {
		String host = uri.getHost().toLowerCase(Locale.ROOT);
		return (uri.getPort() != -1) ? host + ":" + uri.getPort() : host;
	}

	/** Whether {@code host} is {@code domain} or one of its subdomains (labels, not a string suffix). */
	static boolean isSameOrSubdomain(String authority, String domain) {
		String a = authority.toLowerCase(Locale.ROOT);
		String d = domain.toLowerCase(Locale.ROOT);
		return a.equals(d) || a.endsWith("." + d);
	}

}
