package dev.btpboot.security;

/**
 * The application must not start with its security configuration: it would run unauthenticated
 * or with mock users in production, or the chosen mode lacks what it needs.
 */
public class SecurityModeException extends RuntimeException {

	private final String action;

	public SecurityModeException(String problem, String action) {
		super(problem);
		this.action = action;
	}

	/** @return what the user should do about it */
	public String getAction() {
		return this.action;
	}

}
