package dev.btpboot.security.jwt;

import java.net.URI;
import java.util.Locale;
import java.util.Map;

import dev.btpboot.binding.IdentityCredentials;

/**
 * Which bound service issued a token, by its claims, and the checks on issuer and key URLs that
 * both XSUAA and IAS trust rely on. The same rules route a token to its decoder and its verified
 * claims to their user mapping.
 */
final class Issuers {

	private Issuers() {
	}

	/** @return whether the token's {@code iss} is a URL under the bound XSUAA's {@code uaadomain} */
	static boolean isXsuaa(Map<String, Object> claims, String uaaDomain) {
		URI issuer = strictUrl(issuer(claims));
		return issuer != null && isSameOrSubdomain(authority(issuer), uaaDomain);
	}

	/**
	 * The IAS issuer ({@code ias_iss}, else {@code iss}) when the binding trusts it: its
	 * {@code url}, or a subdomain of one of its {@code domains}, without a path.
	 * @return the issuer URL, or {@code null} when the binding does not trust it
	 */
	static URI iasIssuer(Map<String, Object> claims, IdentityCredentials identity) {
		Object iasIssuer = claims.get("ias_iss");
		URI url = strictUrl((iasIssuer != null) ? String.valueOf(iasIssuer) : issuer(claims));
		if (url == null || !(url.getRawPath().isEmpty() || "/".equals(url.getRawPath()))) {
			return null;
		}
		return identity.trusts(url) ? url : null;
	}

	/** {@code iss} when it is a string. */
	private static String issuer(Map<String, Object> claims) {
		return (claims.get("iss") instanceof String issuer) ? issuer : null;
	}

	/**
	 * Plain HTTP is allowed only for these hosts, so tests can serve keys locally: {@code localhost},
	 * its subdomains (loopback names by RFC 6761) and {@code 127.0.0.1}.
	 */
	static boolean isLoopback(String host) {
		return host != null && (isSameOrSubdomain(host, "localhost") || "127.0.0.1".equals(host));
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
