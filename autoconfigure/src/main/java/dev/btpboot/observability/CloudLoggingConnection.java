package dev.btpboot.observability;

import java.net.URI;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import dev.btpboot.binding.CloudLoggingCredentials;
import dev.btpboot.binding.ServiceBinding;
import dev.btpboot.binding.ServiceBindingException;
import dev.btpboot.binding.ServiceBindings;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.ssl.SslBundle;
import org.springframework.context.SmartLifecycle;

/**
 * Where and how to reach SAP Cloud Logging's OTLP/gRPC endpoint, from the cloud-logging binding:
 * the endpoint and the mutual TLS of {@link CloudLoggingTls}. While the application runs it
 * follows the binding through rotations ({@link ServiceBindings} takes a rotated Kubernetes
 * binding into use; this checks which version it holds every {@code btp.bindings.refresh-interval},
 * in memory, without reading files).
 */
final class CloudLoggingConnection implements SmartLifecycle {

	private static final Log logger = LogFactory.getLog(CloudLoggingConnection.class);

	/** The name of the thread that looks for rotated credentials. */
	static final String THREAD_NAME = "btp-cloud-logging-rotation";

	private final ServiceBindings bindings;

	private final Duration interval;

	private final CloudLoggingTls tls;

	private volatile ServiceBinding binding;

	private ScheduledExecutorService executor;

	/**
	 * @param bindings the application's bindings
	 * @param interval how often to look for a rotated binding; zero or negative: never
	 * @throws ServiceBindingException when the binding's OTLP credentials are missing or malformed
	 */
	CloudLoggingConnection(ServiceBindings bindings, Duration interval) {
		this.bindings = bindings;
		this.interval = interval;
		this.binding = binding(bindings);
		this.tls = new CloudLoggingTls(CloudLoggingCredentials.from(this.binding));
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

	/** Takes a rotated binding into use when {@link ServiceBindings} holds a new version. */
	synchronized void refresh() {
		ServiceBinding next = binding(this.bindings);
		if (next == this.binding) {
			return;
		}
		try {
			this.tls.use(CloudLoggingCredentials.from(next));
		}
		catch (ServiceBindingException | IllegalStateException ex) {
			logger.warn("A new version of SAP Cloud Logging binding '" + next.name()
					+ "' cannot be used; OTLP exports keep the previous certificate. " + ex.getMessage());
		}
		this.binding = next;
	}

	@Override
	public synchronized void start() {
		if (this.interval.isZero() || this.interval.isNegative() || this.executor != null) {
			return;
		}
		this.executor = Executors.newSingleThreadScheduledExecutor((task) -> {
			Thread thread = new Thread(task, THREAD_NAME);
			thread.setDaemon(true);
			return thread;
		});
		long millis = this.interval.toMillis();
		this.executor.scheduleWithFixedDelay(this::refreshAndLogFailure, millis, millis, TimeUnit.MILLISECONDS);
	}

	private void refreshAndLogFailure() {
		try {
			refresh();
		}
		catch (RuntimeException ex) {
			// A scheduled task that throws is never run again; the binding may be found next time.
			logger.warn("Checking SAP Cloud Logging binding for rotation failed (" + ex.getClass().getSimpleName() + ")");
		}
	}

	@Override
	public synchronized void stop() {
		if (this.executor != null) {
			this.executor.shutdownNow();
			this.executor = null;
		}
	}

	@Override
	public synchronized boolean isRunning() {
		return this.executor != null;
	}

}
