package dev.btpboot.token;

import java.util.Base64;

/**
 * The one rule that turns text from a peer (a token endpoint's {@code error_description}, a key
 * endpoint's or the Destination service's error answer) into text the starter may log or put in
 * an exception message. A peer's text may carry line breaks that forge log lines, or echo the
 * assertion it was sent, so it never reaches a log as it came:
 * <ul>
 * <li>control, format and line-separator characters (CR, LF, NEL, U+2028, bidi overrides, ...)
 * become one space per run;</li>
 * <li>a JWT-shaped run (dot-separated base64url segments whose first decodes to the start of a
 * JSON object) becomes {@value #REDACTED_JWT}, whatever follows in the run;</li>
 * <li>a base64 run of {@value #LONG_RUN} or more characters that mixes at least two of upper
 * case, lower case and digits (a secret, a key, part of a token) becomes {@value #REDACTED},
 * unless it is a UUID (a tenant or zone id says which tenant an error is about);</li>
 * <li>what remains is cut at {@value #MAX_LENGTH} characters, marked with {@code ...}.</li>
 * </ul>
 * An OAuth {@code error} code that keeps to RFC 6749's characters and is short, as every
 * registered code is, passes as it is ({@link #errorCode}); HTTP statuses are numbers and need no
 * rule.
 */
public final class PeerText {

	/** The most characters of a peer's description that reach a log. */
	public static final int MAX_LENGTH = 200;

	/** A base64 run this long or longer is taken for a secret. */
	static final int LONG_RUN = 32;

	/** An OAuth error code longer than this is treated as a description. */
	static final int MAX_ERROR_CODE_LENGTH = 64;

	/** Shorter than any JWT header: <code>{"alg":"none"}</code> alone is 19 characters in base64url. */
	private static final int MIN_JWT_HEADER = 16;

	static final String REDACTED_JWT = "[redacted JWT]";

	static final String REDACTED = "[redacted]";

	/** How much of a long text is looked at: the cut keeps far less, and no peer makes us scan megabytes. */
	private static final int MAX_SCANNED = 4 * MAX_LENGTH;

	private PeerText() {
	}

	/**
	 * @param code an OAuth {@code error}, or {@code null}
	 * @return the code as it is when it consists of RFC 6749's {@code error} characters (printable
	 * ASCII but {@code "} and {@code \}) and is at most {@value #MAX_ERROR_CODE_LENGTH} long,
	 * else what {@link #description} makes of it
	 */
	public static String errorCode(String code) {
		if (code == null) {
			return null;
		}
		if (!code.isEmpty() && code.length() <= MAX_ERROR_CODE_LENGTH) {
			boolean registered = true;
			for (int i = 0; i < code.length() && registered; i++) {
				char c = code.charAt(i);
				registered = c >= 0x20 && c <= 0x7e && c != '"' && c != '\\';
			}
			if (registered) {
				return code;
			}
		}
		return description(code);
	}

	/**
	 * @param text a peer's description, or {@code null}
	 * @return the text without control characters, JWTs and long base64 runs, at most
	 * {@value #MAX_LENGTH} characters plus a {@code ...} mark when cut; {@code null} for
	 * {@code null}
	 */
	public static String description(String text) {
		if (text == null) {
			return null;
		}
		String scanned = (text.length() > MAX_SCANNED) ? text.substring(0, MAX_SCANNED) : text;
		String loggable = redact(withoutControls(scanned));
		boolean cut = loggable.length() > MAX_LENGTH || text.length() > MAX_SCANNED;
		if (loggable.length() > MAX_LENGTH) {
			int end = Character.isHighSurrogate(loggable.charAt(MAX_LENGTH - 1)) ? MAX_LENGTH - 1 : MAX_LENGTH;
			loggable = loggable.substring(0, end);
		}
		return cut ? loggable + "..." : loggable;
	}

	private static String withoutControls(String text) {
		StringBuilder result = new StringBuilder(text.length());
		boolean inRun = false;
		for (int i = 0; i < text.length(); i++) {
			int codePoint = text.codePointAt(i);
			if (Character.isSupplementaryCodePoint(codePoint)) {
				i++;
			}
			if (isControl(codePoint)) {
				if (!inRun) {
					result.append(' ');
				}
				inRun = true;
			}
			else {
				result.appendCodePoint(codePoint);
				inRun = false;
			}
		}
		return result.toString();
	}

	private static boolean isControl(int codePoint) {
		if (codePoint >= 0x20 && codePoint < 0x7f) {
			return false;
		}
		return switch (Character.getType(codePoint)) {
			case Character.CONTROL, Character.FORMAT, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR,
					Character.SURROGATE, Character.UNASSIGNED, Character.PRIVATE_USE ->
				true;
			default -> false;
		};
	}

	/** Replaces JWTs and long base64 runs; a run is a stretch of base64 characters and dots. */
	private static String redact(String text) {
		StringBuilder result = new StringBuilder(text.length());
		int i = 0;
		while (i < text.length()) {
			if (!isRunCharacter(text.charAt(i))) {
				result.append(text.charAt(i++));
				continue;
			}
			int end = i;
			while (end < text.length() && isRunCharacter(text.charAt(end))) {
				end++;
			}
			redactRun(text.substring(i, end), result);
			i = end;
		}
		return result.toString();
	}

	private static void redactRun(String run, StringBuilder result) {
		String[] segments = run.split("\\.", -1);
		for (int s = 0; s < segments.length; s++) {
			if (s > 0) {
				result.append('.');
			}
			// Two segments suffice: a JWT may be cut where the scan ends.
			if (segments.length - s >= 2 && opensJsonObject(segments[s])) {
				result.append(REDACTED_JWT);
				return;
			}
			result.append(isLongSecretLike(segments[s]) ? REDACTED : segments[s]);
		}
	}

	/** A JWT's header is base64url of a JSON object: its first bytes are <code>{</code> after any white space. */
	private static boolean opensJsonObject(String segment) {
		if (segment.length() < MIN_JWT_HEADER) {
			return false;
		}
		byte[] start;
		try {
			start = Base64.getUrlDecoder().decode(segment.substring(0, 4));
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
		for (byte b : start) {
			if (b == '{') {
				return true;
			}
			if (b != ' ' && b != '\t' && b != '\r' && b != '\n') {
				return false;
			}
		}
		return false;
	}

	private static boolean isLongSecretLike(String segment) {
		if (segment.length() < LONG_RUN || isUuid(segment)) {
			return false;
		}
		boolean upper = false;
		boolean lower = false;
		boolean digit = false;
		for (int i = 0; i < segment.length(); i++) {
			char c = segment.charAt(i);
			upper |= c >= 'A' && c <= 'Z';
			lower |= c >= 'a' && c <= 'z';
			digit |= c >= '0' && c <= '9';
		}
		return (upper ? 1 : 0) + (lower ? 1 : 0) + (digit ? 1 : 0) >= 2;
	}

	private static boolean isUuid(String segment) {
		if (segment.length() != 36) {
			return false;
		}
		for (int i = 0; i < 36; i++) {
			char c = segment.charAt(i);
			boolean dash = i == 8 || i == 13 || i == 18 || i == 23;
			if (dash != (c == '-') || (!dash && Character.digit(c, 16) < 0)) {
				return false;
			}
		}
		return true;
	}

	/** Base64 and base64url characters (padding ends a run) and the dots between a JWT's segments. */
	private static boolean isRunCharacter(char c) {
		return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' || c == '/'
				|| c == '-' || c == '_' || c == '.';
	}

}
