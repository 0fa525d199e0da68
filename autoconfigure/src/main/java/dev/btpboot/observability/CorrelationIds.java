package dev.btpboot.observability;

import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

import org.slf4j.MDC;

/**
 * The correlation id of a request: SAP's {@code X-CorrelationID} (the approuter sends it), else
 * Cloud Foundry's {@code X-Vcap-Request-Id}, else a new one. It lives in the MDC while the request
 * is handled, so logs carry it and the starter's outgoing calls forward it; the tenant id sits
 * beside it. A header that is not a plain token (letters, digits, {@code . _ : -}, at most 128)
 * is not taken over, so a caller cannot write into logs through it.
 */
public final class CorrelationIds {

	/** The header read from requests, answered in responses and sent on outgoing calls. */
	public static final String HEADER = "X-CorrelationID";

	/** Cloud Foundry's router request id, used when a request has no {@link #HEADER}. */
	public static final String VCAP_REQUEST_ID = "X-Vcap-Request-Id";

	/** The MDC key (as SAP's logging libraries name it), also the span attribute. */
	public static final String MDC_KEY = "correlation_id";

	/** The MDC key of the tenant id of the current request. */
	public static final String TENANT_MDC_KEY = "tenant_id";

	/** The tag and span attribute of the tenant id. */
	public static final String TENANT_TAG = "tenant";

	/** The value of {@link #TENANT_TAG} on metrics when there is no tenant. */
	public static final String NO_TENANT = "none";

	/**
	 * The key under which a WebFlux request carries its MDC entries ({@link #MDC_KEY},
	 * {@link #TENANT_MDC_KEY}) in the Reactor context.
	 */
	public static final String REACTOR_CONTEXT_KEY = "btp.observability.mdc";

	private static final Pattern ACCEPTED = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

	private CorrelationIds() {
	}

	/**
	 * @param correlationId the request's {@link #HEADER}, or {@code null}
	 * @param vcapRequestId the request's {@link #VCAP_REQUEST_ID}, or {@code null}
	 * @return the first acceptable of the two, else a new random id
	 */
	public static String of(String correlationId, String vcapRequestId) {
		if (correlationId != null && ACCEPTED.matcher(correlationId).matches()) {
			return correlationId;
		}
		if (vcapRequestId != null && ACCEPTED.matcher(vcapRequestId).matches()) {
			return vcapRequestId;
		}
		return newId();
	}

	/**
	 * A random version-4 UUID from {@link ThreadLocalRandom}: a correlation id needs to be unique,
	 * not unguessable, and {@link UUID#randomUUID()} reads {@code /dev/urandom}, which blocks a
	 * WebFlux event-loop thread.
	 */
	private static String newId() {
		ThreadLocalRandom random = ThreadLocalRandom.current();
		long most = (random.nextLong() & ~0xF000L) | 0x4000L;
		long least = (random.nextLong() & ~(0xC000L << 48)) | (0x8000L << 48);
		return new UUID(most, least).toString();
	}

	/** @return the correlation id of the current thread's request */
	public static Optional<String> current() {
		return Optional.ofNullable(MDC.get(MDC_KEY));
	}

	/** @return the tenant id of the current thread's request */
	public static Optional<String> currentTenant() {
		return Optional.ofNullable(MDC.get(TENANT_MDC_KEY));
	}

}
