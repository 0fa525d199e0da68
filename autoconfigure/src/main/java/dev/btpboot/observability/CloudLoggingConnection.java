package dev.btpboot.observability;

import java.net.URI;

import dev.btpboot.binding.CloudLoggingCredentials;
import dev.btpboot.binding.ServiceBinding;
import dev.btpboot.binding.ServiceBindingException;
import dev.btpboot.binding.ServiceBindings;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.ssl.SslBundle;

/**
 * Where and how to reach SAP Cloud Logging's OTLP/gRPC endpoint, from the cloud-logging binding:
 * the endpoint and the mutual TLS of {@link CloudLoggingTls}. While the application runs it
 * follows the binding through rotations: {@link ServiceBindings} tells it when it took a rotated
 * Kubernetes binding into use.
 */
final class CloudLoggingConnection {

	private static final Log logger = LogFactory.getLog(CloudLoggingConnection.class);

	private final CloudLoggingTls tls;

	/**
	 * @param bindings the application's bindings
	 * @throws ServiceBindingException when the binding's OTLP credentials are missing or malformed
	 */
	CloudLoggingConnection(ServiceBindings bindings) {
		this.tls = new CloudLoggingTls(CloudLoggingCredentials.from(binding(bindings)));
		bindings.onRotation((rotated) -> {
			if (bindings.find(CloudLoggingCredentials.SERVICE).orElse(null) == rotated) {
				use(rotated);
			}
		});
	}

	private static ServiceBinding binding(ServiceBindings bindings) {
		return bindings.find(CloudLoggingCredentials.SERVICE)
			.orElseThrow(() -> new IllegalStateException("no binding of service '" + CloudLoggingCredentials.SERVICE
					+ "'"));
	}

	/** @return the endpoint as an {@code https} URL, as gRPC exporters take it */
	String endpoint() {
		URI endpoint = this.tls.credentials().endpoint();
		return endpoint.getScheme() + "://" + endpoint.getAuthority();
	}

	/** @return the mutual TLS that follows rotations */
	SslBundle sslBundle() {
		return this.tls.sslBundle();
	}

	/** @return the name of the binding in use, for messages */
	String bindingName() {
		return this.tls.credentials().bindingName();
	}

	/** Takes a rotated binding into use; a version that cannot be used leaves the previous one. */
	private void use(ServiceBinding next) {
		try {
			this.tls.use(CloudLoggingCredentials.from(next));
		}
		catch (ServiceBindingException | IllegalStateException ex) {
			logger.warn("A new version of SAP Cloud Logging binding '" + next.name()
					+ "' cannot be used; OTLP exports keep the previous certificate. " + ex.getMessage());
		}
	}

}
