package dev.btpboot.binding;

/**
 * How an OAuth client proves who it is: a {@link ClientSecret} or an {@link X509Identity} used
 * for mutual TLS.
 */
public sealed interface ClientAuthentication permits ClientSecret, X509Identity {

	/** @return a short label for messages and the info endpoint: {@code secret} or {@code x509} */
	String type();

}
