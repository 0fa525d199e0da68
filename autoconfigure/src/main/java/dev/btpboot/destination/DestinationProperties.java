package dev.btpboot.destination;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How destinations of the SAP Destination service are looked up and reused
 * ({@code btp.destinations.*}). Requests to the service time out and retry like token requests
 * ({@code btp.token.connect-timeout}, {@code btp.token.read-timeout}, {@code btp.token.retry.*}).
 */
@ConfigurationProperties("btp.destinations")
public class DestinationProperties {

	/** The cache of looked-up destinations. */
	private final Cache cache = new Cache();

	/** The circuit around the Destination service, one per tenant. */
	private final Circuit circuit = new Circuit();

	/**
	 * Destinations defined in the configuration instead of the Destination service, by name, each
	 * with the Destination service's keys (URL, Type, Authentication, User, Password, ProxyType,
	 * mail.smtp.host, ldap.url, Address, ...); Type is HTTP when none is given. Outside production
	 * only: the application refuses to start in production when any is set.
	 */
	private Map<String, Map<String, String>> local = new LinkedHashMap<>();

	/**
	 * HTTP service client groups (@HttpExchange interfaces registered with @ImportHttpServices)
	 * by group name, each configured from the HTTP destination of that name: base URL, headers,
	 * queries, authentication, OnPremise through the connectivity proxy. The destination is
	 * looked up when the group's client is created.
	 */
	private Map<String, String> httpServices = new LinkedHashMap<>();

	public Cache getCache() {
		return this.cache;
	}

	public Circuit getCircuit() {
		return this.circuit;
	}

	public Map<String, Map<String, String>> getLocal() {
		return this.local;
	}

	public void setLocal(Map<String, Map<String, String>> local) {
		this.local = local;
	}

	public Map<String, String> getHttpServices() {
		return this.httpServices;
	}

	public void setHttpServices(Map<String, String> httpServices) {
		this.httpServices = httpServices;
	}

	/** The cache of looked-up destinations, per tenant (and per user for user-dependent ones). */
	public static class Cache {

		/**
		 * How long a looked-up destination is reused before it is looked up again. Never longer
		 * than its auth tokens are valid: the entry is looked up again 60 s (at most half their
		 * lifetime) before the earliest expires_in.
		 */
		private Duration ttl = Duration.ofMinutes(5);

		/**
		 * Whether a destination whose TTL ran out is first compared with the list of its level
		 * (one request per tenant and level per TTL, whatever the number of destinations) and
		 * reused while its definition there is unchanged, instead of being looked up again.
		 * Destinations with a fragment are always looked up again.
		 */
		private boolean changeDetection = true;

		/**
		 * How long change detection may reuse a destination at most before it is looked up again
		 * (certificates re-uploaded under the same name change no definition).
		 */
		private Duration maxAge = Duration.ofHours(1);

		public Duration getTtl() {
			return this.ttl;
		}

		public void setTtl(Duration ttl) {
			this.ttl = ttl;
		}

		public boolean isChangeDetection() {
			return this.changeDetection;
		}

		public void setChangeDetection(boolean changeDetection) {
			this.changeDetection = changeDetection;
		}

		public Duration getMaxAge() {
			return this.maxAge;
		}

		public void setMaxAge(Duration maxAge) {
			this.maxAge = maxAge;
		}

	}

	/** The circuit around the Destination service, one per tenant. */
	public static class Circuit {

		/**
		 * Whether calls for a tenant fail fast after repeated failures of the Destination service
		 * (cached destinations are still served).
		 */
		private boolean enabled = true;

		/**
		 * Calls in a row that failed for good (I/O errors, timeouts, 408, 429, 5xx, after their
		 * retries) that open a tenant's circuit.
		 */
		private int failureThreshold = 5;

		/**
		 * How long an open circuit fails fast before one call is let through as a probe; its
		 * success closes the circuit.
		 */
		private Duration waitDuration = Duration.ofSeconds(30);

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public int getFailureThreshold() {
			return this.failureThreshold;
		}

		public void setFailureThreshold(int failureThreshold) {
			this.failureThreshold = failureThreshold;
		}

		public Duration getWaitDuration() {
			return this.waitDuration;
		}

		public void setWaitDuration(Duration waitDuration) {
			this.waitDuration = waitDuration;
		}

	}

}
