package dev.btpboot.observability;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Telemetry on SAP BTP ({@code btp.observability.*}): export to SAP Cloud Logging, correlation
 * ids, the tenant on telemetry, platform resource attributes and structured console logs.
 */
@ConfigurationProperties(ObservabilityProperties.PREFIX)
public class ObservabilityProperties {

	static final String PREFIX = "btp.observability";

	/**
	 * Whether the starter's observability is on: correlation ids, the tenant on spans and in the
	 * MDC, platform resource attributes, structured console logs on the platforms and, with a
	 * cloud-logging binding, OTLP export to SAP Cloud Logging. Explicitly true also makes a
	 * missing OpenTelemetry dependency stop the start.
	 */
	private boolean enabled = true;

	/**
	 * Whether the tenant id is a tag of metrics ("tenant"). Off by default: each tenant makes a
	 * time series of every meter. The tenant id is on spans and in the MDC either way.
	 */
	private boolean tenantTag;

	/** Correlation ids of requests. */
	private final Correlation correlation = new Correlation();

	/** Console logs. */
	private final Logging logging = new Logging();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public boolean isTenantTag() {
		return this.tenantTag;
	}

	public void setTenantTag(boolean tenantTag) {
		this.tenantTag = tenantTag;
	}

	public Correlation getCorrelation() {
		return this.correlation;
	}

	public Logging getLogging() {
		return this.logging;
	}

	/** Correlation ids of requests. */
	public static class Correlation {

		/**
		 * Whether a request's correlation id (X-CorrelationID, else X-Vcap-Request-Id, else a new
		 * one) goes into the MDC, the spans and the response, and on to the calls the starter
		 * builds (token and Destination service requests, RestClient and WebClient).
		 */
		private boolean enabled = true;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

	}

	/** Console logs. */
	public static class Logging {

		/**
		 * Whether the console log is Spring Boot's structured JSON (ECS) on Cloud Foundry and
		 * Kubernetes unless logging.structured.format.console is set. Local runs stay plain.
		 */
		private boolean structured = true;

		public boolean isStructured() {
			return this.structured;
		}

		public void setStructured(boolean structured) {
			this.structured = structured;
		}

	}

}
