package dev.btpboot.token;

import java.net.URI;
import java.time.Duration;

import dev.btpboot.binding.OAuthClientCredentials;

/**
 * A token could not be obtained. The message names the service, the binding, the token endpoint
 * and, when the endpoint answered, the HTTP status and the OAuth {@code error} and
 * {@code error_description} as {@link PeerText} lets them through (no line breaks, JWTs or long
 * base64 runs, at most 200 characters of description); it never contains a secret, a user
 * assertion or a token.
 */
public class TokenRequestException extends RuntimeException {

	private final String service;

	private final String bindingName;

	private final URI tokenEndpoint;

	private final int httpStatus;

	private final String error;

	private final String errorDescription;

	/** Whether another attempt may succeed (I/O error, 408, 429, 5xx, unreadable response). */
	private final transient boolean retryable;

	/** The server's {@code Retry-After}, or {@code null}. */
	private final transient Duration retryAfter;

	/**
	 * @param error the endpoint's {@code error}, as it came
	 * @param errorDescription the endpoint's {@code error_description}, as it came
	 */
	TokenRequestException(Target target, int httpStatus, String error, String errorDescription, String problem,
			boolean retryable, Duration retryAfter, Throwable cause) {
		super(message(target, httpStatus, PeerText.errorCode(error), PeerText.description(errorDescription), problem),
				cause);
		this.service = target.service();
		this.bindingName = target.bindingName();
		this.tokenEndpoint = target.tokenEndpoint();
		this.httpStatus = httpStatus;
		this.error = PeerText.errorCode(error);
		this.errorDescription = PeerText.description(errorDescription);
		this.retryable = retryable;
		this.retryAfter = retryAfter;
	}

	private static String message(Target target, int httpStatus, String error, String errorDescription,
			String problem) {
		StringBuilder message = new StringBuilder("Cannot obtain a ").append(target.grant())
			.append(" token for service '")
			.append(target.service())
			.append("' (binding '")
			.append(target.bindingName())
			.append("') from ")
			.append(target.tokenEndpoint())
			.append(": ")
			.append(problem);
		if (httpStatus > 0) {
			message.append(" [HTTP ").append(httpStatus).append(']');
		}
		if (error != null) {
			message.append(" error=").append(error);
		}
		if (errorDescription != null) {
			message.append(" error_description=").append(errorDescription);
		}
		return message.toString();
	}

	/** @return the service ({@code xsuaa}, {@code identity}, ...) */
	public String getService() {
		return this.service;
	}

	/** @return the name of the binding whose client asked */
	public String getBindingName() {
		return this.bindingName;
	}

	/** @return the endpoint that was called, tenant subdomain included */
	public URI getTokenEndpoint() {
		return this.tokenEndpoint;
	}

	/** @return the HTTP status the endpoint answered with, or {@code 0} when it did not answer */
	public int getHttpStatus() {
		return this.httpStatus;
	}

	/**
	 * @return the OAuth {@code error} (such as {@code invalid_client}), or {@code null}; as it
	 * came unless it breaks RFC 6749's rules, then as {@link PeerText#errorCode} cleans it
	 */
	public String getError() {
		return this.error;
	}

	/** @return the OAuth {@code error_description} as {@link PeerText#description} cleans it, or {@code null} */
	public String getErrorDescription() {
		return this.errorDescription;
	}

	/**
	 * @return whether another attempt may succeed: the endpoint could not be reached, answered 408,
	 * 429 or 5xx, or sent an unreadable response; an outage rather than a refusal
	 */
	public boolean isRetryable() {
		return this.retryable;
	}

	Duration retryAfter() {
		return this.retryAfter;
	}

	/**
	 * What a request was for, to name it in messages: the one place a failure's context is put
	 * together.
	 *
	 * @param service the service
	 * @param bindingName the binding name
	 * @param tokenEndpoint the endpoint
	 * @param grant the grant, short ({@code client_credentials}, {@code jwt_bearer}; a token-client
	 * flow may name others)
	 */
	record Target(String service, String bindingName, URI tokenEndpoint, String grant) {

		static Target of(OAuthClientCredentials credentials, URI tokenEndpoint, String grant) {
			return new Target(credentials.service(), credentials.bindingName(), tokenEndpoint, grant);
		}

		static Target of(OAuthClientCredentials credentials, URI tokenEndpoint, TokenGrant grant) {
			return of(credentials, tokenEndpoint, grant.shortName());
		}

		/**
		 * @param problem what went wrong, without a secret
		 * @param cause the cause, or {@code null}
		 * @return a failure before or apart from any answer of the endpoint, not worth retrying
		 */
		TokenRequestException failure(String problem, Throwable cause) {
			return new TokenRequestException(this, 0, null, null, problem, false, null, cause);
		}

	}

}
