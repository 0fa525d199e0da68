package dev.btpboot.destination;

/**
 * A destination cannot be used. The message names the destination, the tenant and the step that
 * failed, and quotes what the Destination service said; it never contains a secret or a token.
 */
public class DestinationException extends RuntimeException {

	private final String destination;

	private final String tenant;

	private final Step step;

	private final int httpStatus;

	/** Whether the service may answer another attempt (I/O error, 408, 429, 5xx). */
	private final transient boolean retryable;

	/**
	 * A failure after the look-up, where the service is not asked again.
	 * @param destination the destination's name
	 * @param tenant the tenant's id, or {@code null} for the binding's own tenant
	 * @param step the step that failed
	 * @param problem what went wrong, without a secret
	 */
	public DestinationException(String destination, String tenant, Step step, String problem) {
		this(destination, tenant, step, 0, false, problem, null);
	}

	DestinationException(String destination, String tenant, Step step, int httpStatus, boolean retryable,
			String problem, Throwable cause) {
		super("Destination '" + destination + "' for " + tenantText(tenant) + ": " + step.text + " failed: " + problem,
				cause);
		this.destination = destination;
		this.tenant = tenant;
		this.step = step;
		this.httpStatus = httpStatus;
		this.retryable = retryable;
	}

	static String tenantText(String tenant) {
		return (tenant != null) ? "tenant '" + tenant + "'" : "the provider tenant";
	}

	/** @return the destination's name */
	public String getDestination() {
		return this.destination;
	}

	/** @return the id of the tenant asked for, or {@code null} for the binding's own tenant */
	public String getTenant() {
		return this.tenant;
	}

	/** @return the step that failed */
	public Step getStep() {
		return this.step;
	}

	/** @return the HTTP status of the Destination service, or {@code 0} when it did not answer */
	public int getHttpStatus() {
		return this.httpStatus;
	}

	boolean isRetryable() {
		return this.retryable;
	}

	/** The steps of using a destination. */
	public enum Step {

		/** Obtaining a token of the destination binding for the tenant. */
		TOKEN("obtaining a token for the Destination service"),

		/** Asking the Destination service. */
		LOOKUP("looking it up in the Destination service"),

		/** Reading the service's answer. */
		READ("reading the Destination service's answer"),

		/** Using the authentication tokens the service returned. */
		AUTH_TOKENS("using its authTokens"),

		/** Using it as the type the caller needs. */
		TYPE("using it as the type needed"),

		/** Connecting to its system. */
		CONNECT("connecting to its system");

		private final String text;

		Step(String text) {
			this.text = text;
		}

	}

}
