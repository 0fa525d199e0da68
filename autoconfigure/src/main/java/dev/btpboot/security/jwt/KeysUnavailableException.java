package dev.btpboot.security.jwt;

/**
 * A token refused because the signing keys of its scope could not be loaded and none were loaded
 * before. The message sent to the client is fixed; {@link #detail()} says why, for the log.
 */
final class KeysUnavailableException extends UntrustedTokenException {

	private final String detail;

	KeysUnavailableException(String detail) {
		super("The signing keys of the token's issuer cannot be loaded");
		this.detail = detail;
	}

	String detail() {
		return this.detail;
	}

}
