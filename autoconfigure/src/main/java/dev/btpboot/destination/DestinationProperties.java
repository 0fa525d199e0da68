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

		public Duration getTtl() {
			return this.ttl;
		}

		public void setTtl(Duration ttl) {
			this.ttl = ttl;
		}

	}

}
