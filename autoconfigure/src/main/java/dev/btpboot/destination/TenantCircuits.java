package dev.btpboot.destination;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import dev.btpboot.destination.DestinationException.Step;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * One circuit per tenant around the Destination service ({@code btp.destinations.circuit.*}):
 * after {@code failure-threshold} calls in a row that failed for good (I/O errors, timeouts, 408,
 * 429 and 5xx, after their retries), calls for that tenant fail fast for {@code wait-duration},
 * with a retryable {@link DestinationException} so that the cache still serves what it holds.
 * Then one call is let through as a probe: its success closes the circuit, its failure opens it
 * again. An answer that refuses (401, 403, 404, an unreadable destination) is the service
 * working, and closes it. Other tenants are not affected.
 */
final class TenantCircuits {

	private static final Log logger = LogFactory.getLog(TenantCircuits.class);

	/** Lets every call through. */
	static final TenantCircuits NONE = new TenantCircuits(0, Duration.ZERO, Clock.systemUTC());

	private final int failureThreshold;

	private final Duration waitDuration;

	private final Clock clock;

	private final Map<String, Circuit> circuits = new ConcurrentHashMap<>();

	/**
	 * @param failureThreshold failures in a row that open a circuit; {@code 0} for none
	 * @param waitDuration how long an open circuit fails fast before a probe
	 * @param clock the clock
	 */
	TenantCircuits(int failureThreshold, Duration waitDuration, Clock clock) {
		this.failureThreshold = failureThreshold;
		this.waitDuration = waitDuration;
		this.clock = clock;
	}

	/**
	 * @param <T> the result
	 * @param tenant the tenant's id, or {@code null} for the binding's own
	 * @param name what is asked for, for messages
	 * @param call one call to the Destination service, retries included
	 * @return its result
	 * @throws DestinationException when the call fails or the circuit is open
	 */
	<T> T call(String tenant, String name, Supplier<T> call) {
		if (this.failureThreshold <= 0) {
			return call.get();
		}
		Circuit circuit = this.circuits.computeIfAbsent((tenant != null) ? tenant : "", (key) -> new Circuit());
		circuit.admit(tenant, name);
		try {
			T result = call.get();
			circuit.succeeded(tenant);
			return result;
		}
		catch (DestinationException ex) {
			if (ex.isRetryable() && ex.getStep() != Step.TOKEN) {
				circuit.failed(tenant);
			}
			else {
				circuit.succeeded(tenant);
			}
			throw ex;
		}
		catch (RuntimeException ex) {
			circuit.failed(tenant);
			throw ex;
		}
	}

	/** Forgets a tenant's circuit, as when it unsubscribed. */
	void evictTenant(String tenant) {
		this.circuits.remove(tenant);
	}

	/** The state of one tenant's circuit. */
	private final class Circuit {

		private int failures;

		/** While set, the circuit is open; from then on one probe may pass. */
		private Instant openUntil;

		private boolean probing;

		synchronized void admit(String tenant, String name) {
			if (this.openUntil == null) {
				return;
			}
			Instant now = TenantCircuits.this.clock.instant();
			if (now.isBefore(this.openUntil) || this.probing) {
				throw new DestinationException(name, tenant, Step.LOOKUP, 0, true,
						"the Destination service failed " + this.failures + " time(s) in a row for this tenant; "
								+ "it is not asked again before " + (this.probing ? "the probe in flight answers" : this.openUntil)
								+ " (btp.destinations.circuit.wait-duration)",
						null);
			}
			this.probing = true;
		}

		synchronized void succeeded(String tenant) {
			if (this.openUntil != null) {
				logger.info("The Destination service answers " + DestinationException.tenantText(tenant)
						+ " again; its circuit is closed");
			}
			this.failures = 0;
			this.openUntil = null;
			this.probing = false;
		}

		synchronized void failed(String tenant) {
			this.failures++;
			boolean probeFailed = this.probing;
			this.probing = false;
			if (probeFailed || this.failures >= TenantCircuits.this.failureThreshold) {
				if (this.openUntil == null) {
					logger.warn("The Destination service failed " + this.failures + " time(s) in a row for "
							+ DestinationException.tenantText(tenant) + "; its circuit is open: look-ups fail fast "
							+ "(cached destinations are still served) and one probe is let through every "
							+ TenantCircuits.this.waitDuration.toSeconds() + " s");
				}
				this.openUntil = TenantCircuits.this.clock.instant().plus(TenantCircuits.this.waitDuration);
			}
		}

	}

}
