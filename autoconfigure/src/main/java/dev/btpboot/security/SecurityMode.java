package dev.btpboot.security;

/** How the application authenticates requests ({@code btp.security.mode}). */
public enum SecurityMode {

	/**
	 * JWT when an xsuaa or identity binding exists; otherwise mock users outside production; in
	 * production without a binding the application refuses to start.
	 */
	AUTO,

	/** Bearer tokens of the bound xsuaa and/or identity service; a binding is required. */
	JWT,

	/** HTTP Basic against the mock users of {@code btp.security.mock.users}; never in production. */
	MOCK

}
