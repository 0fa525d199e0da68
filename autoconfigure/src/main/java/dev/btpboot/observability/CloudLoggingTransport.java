package dev.btpboot.observability;

/** The one transport SAP Cloud Logging's OTLP endpoint speaks, and the error for any other. */
final class CloudLoggingTransport {

	private CloudLoggingTransport() {
	}

	/**
	 * @param bindingName the cloud-logging binding
	 * @param signal {@code tracing} or {@code logging}, as in the property names
	 * @return the failure of an exporter configured for HTTP
	 */
	static IllegalStateException onlyGrpc(String bindingName, String signal) {
		return new IllegalStateException("SAP Cloud Logging (binding '" + bindingName
				+ "') accepts OTLP over gRPC only: remove management.opentelemetry." + signal
				+ ".export.otlp.transport=http, or set management.opentelemetry." + signal
				+ ".export.otlp.endpoint to send elsewhere");
	}

}
