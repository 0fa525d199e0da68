package dev.btpboot.security.jwt;

import java.util.Arrays;

/**
 * The one spelling of a signed JWT that is accepted: three non-empty, unpadded base64url segments
 * of {@code [A-Za-z0-9_-]} whose unused trailing bits are zero, so that re-encoding the decoded
 * bytes gives the same text. Base64 decoders also take {@code =}, {@code +}, {@code /} and
 * non-zero trailing bits, which gives one token endless spellings; each would be a new entry in
 * every cache keyed by the token. Checked with a loop: a regular expression costs more the
 * longer the token.
 */
final class JwtSyntax {

	/** The value of each base64url character by ASCII code, -1 for any other character. */
	private static final byte[] BASE64URL = new byte[128];

	static {
		Arrays.fill(BASE64URL, (byte) -1);
		String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
		for (int i = 0; i < alphabet.length(); i++) {
			BASE64URL[alphabet.charAt(i)] = (byte) i;
		}
	}

	private JwtSyntax() {
	}

	/** @return whether the token is a JWS in compact serialization, spelled canonically */
	static boolean isCanonical(String token) {
		int dots = 0;
		int start = 0;
		for (int i = 0; i < token.length(); i++) {
			char c = token.charAt(i);
			if (c == '.') {
				if (++dots > 2 || !isCanonicalSegment(token, start, i)) {
					return false;
				}
				start = i + 1;
			}
			else if (c >= BASE64URL.length || BASE64URL[c] < 0) {
				return false;
			}
		}
		return dots == 2 && isCanonicalSegment(token, start, token.length());
	}

	/**
	 * A segment of 4n+2 characters encodes 4 bits too many, one of 4n+3 characters 2 bits;
	 * 4n+1 characters encode no whole byte.
	 */
	private static boolean isCanonicalSegment(String token, int start, int end) {
		int length = end - start;
		if (length == 0) {
			return false;
		}
		int last = BASE64URL[token.charAt(end - 1)];
		return switch (length % 4) {
			case 0 -> true;
			case 2 -> (last & 0x0F) == 0;
			case 3 -> (last & 0x03) == 0;
			default -> false;
		};
	}

}
