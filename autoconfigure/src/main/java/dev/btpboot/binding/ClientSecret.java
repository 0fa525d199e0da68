package dev.btpboot.binding;

import java.util.Objects;

/**
 * A client secret. {@link #toString()} never shows it.
 *
 * @param value the secret
 */
public record ClientSecret(String value) implements ClientAuthentication {

	/** The secret is required. */
	public ClientSecret {
		Objects.requireNonNull(value, "value");
	}

	@Override
	public String type() {
		return "secret";
	}

	@Override
	public String toString() {
		return "ClientSecret[****]";
	}

}
