package dev.btpboot.security.jwt;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/** Reading the claims of XSUAA and IAS tokens, verified or not. */
final class JwtClaims {

	private JwtClaims() {
	}

	/** A claim that is a list or a space-separated string, as strings. */
	static List<String> strings(Object claim) {
		List<String> values = new ArrayList<>();
		if (claim instanceof Collection<?> items) {
			items.forEach((item) -> values.add(String.valueOf(item)));
		}
		else if (claim instanceof String text) {
			for (String value : text.split(" ")) {
				if (!value.isEmpty()) {
					values.add(value);
				}
			}
		}
		return values;
	}

	/** The first of the given claims that is a non-empty string, or {@code null}. */
	static String firstString(Map<String, Object> claims, String... names) {
		for (String name : names) {
			if (claims.get(name) instanceof String value && !value.isEmpty()) {
				return value;
			}
		}
		return null;
	}

	/**
	 * A claim that names the tenant, zone or client of a key request (sent as a query parameter
	 * and header): absent, or 1 to 256 printable ASCII characters without spaces.
	 * @return the value, or {@code null} when the token has no such claim
	 * @throws UntrustedTokenException when the claim is there but not such a value
	 */
	static String keyScope(Map<String, Object> claims, String name) {
		Object value = claims.get(name);
		if (value == null) {
			return null;
		}
		if (value instanceof String text && !text.isEmpty() && text.length() <= 256
				&& text.chars().allMatch((c) -> c > 0x20 && c < 0x7f)) {
			return text;
		}
		throw new UntrustedTokenException("The token's " + name + " claim is not a plain identifier");
	}

}
