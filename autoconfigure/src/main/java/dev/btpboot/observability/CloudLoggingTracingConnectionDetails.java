package dev.btpboot.observability;

import org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.otlp.OtlpTracingConnectionDetails;
import org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.otlp.Transport;
import org.springframework.boot.ssl.SslBundle;

/** Spring Boot's OTLP span exporter sends to SAP Cloud Logging over gRPC with the binding's mutual TLS. */
final class CloudLoggingTracingConnectionDetails implements OtlpTracingConnectionDetails {

	private final CloudLoggingConnection connection;

	CloudLoggingTracingConnectionDetails(CloudLoggingConnection connection) {
		this.connection = connection;
	}

	@Override
	public String getUrl(Transport transport) {
		if (transport != Transport.GRPC) {
			throw CloudLoggingTransport.onlyGrpc(this.connection.bindingName(), "tracing");
		}
		return this.connection.endpoint();
	}

	@Override
	public SslBundle getSslBundle() {
		return this.connection.sslBundle();
	}

}
