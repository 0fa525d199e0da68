package dev.btpboot.observability;

import org.springframework.boot.opentelemetry.autoconfigure.logging.otlp.OtlpLoggingConnectionDetails;
import org.springframework.boot.opentelemetry.autoconfigure.logging.otlp.Transport;
import org.springframework.boot.ssl.SslBundle;

/** Spring Boot's OTLP log record exporter sends to SAP Cloud Logging over gRPC with the binding's mutual TLS. */
final class CloudLoggingLoggingConnectionDetails implements OtlpLoggingConnectionDetails {

	private final CloudLoggingConnection connection;

	CloudLoggingLoggingConnectionDetails(CloudLoggingConnection connection) {
		this.connection = connection;
	}

	@Override
	public String getUrl(Transport transport) {
		if (transport != Transport.GRPC) {
			throw CloudLoggingTransport.onlyGrpc(this.connection.bindingName(), "logging");
		}
		return this.connection.endpoint();
	}

	@Override
	public SslBundle getSslBundle() {
		return this.connection.sslBundle();
	}

}
