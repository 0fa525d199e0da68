package dev.btpboot.token;

import java.time.Instant;
import java.util.Objects;

/**
 * An access token and when it expires. {@link #toString()} never shows the token.
 *
 * @param value the encoded token
 * @param expiresAt its {@code exp}
 */
public record AccessToken(String value, Instant expiresAt) {

	/** Both parts are required. */
	public AccessToken {
		Objects.requireNonNull(value, "value");
		Objects.requireNonNull(expiresAt, "expiresAt");
	}

	@Override
	public String toString() {
		return "AccessToken[value=****, expiresAt=" + this.expiresAt + "]";
	}

}
