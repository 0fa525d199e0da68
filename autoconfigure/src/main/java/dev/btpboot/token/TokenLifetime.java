package dev.btpboot.token;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;

import tools.jackson.databind.JsonNode;

/**
 * The one rule for how long a token a peer hands out may be kept: a token endpoint's answer, the
 * Destination service's {@code authTokens}. The peer's {@code expires_in} is read with saturation
 * (any number too large for a {@code long} of seconds counts as the largest), then bounded by what
 * the token itself says: never past a JWT's own {@code exp}, and without one never more than
 * {@link #MAX_OPAQUE_LIFETIME}. So no peer number overflows a clock computation, and none keeps a
 * token longer than its issuer meant.
 */
public final class TokenLifetime {

	/** Longest a token without an {@code exp} claim is kept, whatever its {@code expires_in}. */
	public static final Duration MAX_OPAQUE_LIFETIME = Duration.ofHours(24);

	/** How long a token is kept when neither {@code expires_in} nor an {@code exp} claim says. */
	public static final Duration DEFAULT_LIFETIME = Duration.ofMinutes(5);

	/** 9999-12-31T23:59:59Z: a later {@code exp} is no date, and no clock arithmetic may overflow on it. */
	private static final long LATEST_EXP = 253402300799L;

	/** Jackson's default {@code maxNumberLength}. */
	private static final int MAX_NUMBER_LENGTH = 1000;

	private TokenLifetime() {
	}

	/**
	 * @param node a peer's {@code expires_in}: a JSON number or a string of one
	 * @return it in seconds, the fraction dropped, {@link Long#MAX_VALUE} for any larger number;
	 * {@code 0} when it is absent or {@code null}
	 * @throws IllegalArgumentException when it is not a number ("is not a number") or negative
	 * ("is negative"); the message completes a sentence that starts with the field's name
	 */
	public static long expiresIn(JsonNode node) {
		if (node.isMissingNode() || node.isNull()) {
			return 0;
		}
		BigDecimal seconds;
		if (node.isFloatingPointNumber() && Double.isInfinite(node.doubleValue())) {
			// A number beyond a double's range, such as 1e400, as the JSON parser reads it.
			seconds = BigDecimal.valueOf((node.doubleValue() > 0) ? Long.MAX_VALUE : -1);
		}
		else {
			seconds = decimal(node);
		}
		if (seconds.signum() < 0) {
			throw new IllegalArgumentException("is negative");
		}
		return (seconds.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) >= 0) ? Long.MAX_VALUE : seconds.longValue();
	}

	private static BigDecimal decimal(JsonNode node) {
		if (node.isNumber()) {
			return node.decimalValue();
		}
		String text = node.asString("").trim();
		// Longer than the JSON parser allows a number to be: parsing it could take long, and it is none.
		if (text.length() > MAX_NUMBER_LENGTH) {
			throw new IllegalArgumentException("is not a number");
		}
		try {
			return new BigDecimal(text);
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException("is not a number");
		}
	}

	/**
	 * How long to keep a token, in seconds: {@code expires_in}, but never past the token's own
	 * {@code exp} when it is a JWT, and without one never more than {@link #MAX_OPAQUE_LIFETIME};
	 * a zero {@code expires_in} (none given) means the {@code exp}, else {@link #DEFAULT_LIFETIME}.
	 * An {@code exp} already past gives 0.
	 * @param token the token as issued
	 * @param expiresIn the peer's {@code expires_in}, as {@link #expiresIn} read it
	 * @param now the instant it arrived
	 * @return seconds from {@code now}, at most until the year 9999
	 */
	public static long seconds(String token, long expiresIn, Instant now) {
		JsonNode claims = (token != null) ? UnverifiedClaims.of(token) : null;
		JsonNode exp = (claims != null) ? claims.path("exp") : null;
		if (exp != null && exp.isIntegralNumber() && exp.canConvertToLong() && exp.asLong() <= LATEST_EXP) {
			long untilExp = Math.max(0, exp.asLong() - now.getEpochSecond());
			return (expiresIn > 0) ? Math.min(expiresIn, untilExp) : untilExp;
		}
		return (expiresIn > 0) ? Math.min(expiresIn, MAX_OPAQUE_LIFETIME.toSeconds()) : DEFAULT_LIFETIME.toSeconds();
	}

}
