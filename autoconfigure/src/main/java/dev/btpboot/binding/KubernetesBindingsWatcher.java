package dev.btpboot.binding;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.context.SmartLifecycle;

/**
 * Checks the Kubernetes binding directories every {@code btp.bindings.refresh-interval} on a
 * daemon thread and takes a rotated binding into use when it is valid. The kubelet updates a
 * mounted secret by writing a new timestamped directory and renaming a {@code ..data} symlink
 * over the old one, so the target of {@code ..data} tells a change for the price of one
 * {@code readlink}; other directories are compared by the names, sizes and modification times of
 * their entries. A directory that changes while it is read is read again at the next check.
 */
final class KubernetesBindingsWatcher implements SmartLifecycle {

	/** The name of the watcher thread. */
	static final String THREAD_NAME = "btp-bindings-refresh";

	private static final Log logger = LogFactory.getLog(KubernetesBindingsWatcher.class);

	private final ServiceBindings bindings;

	private final Path root;

	private final Duration interval;

	private final CertificateExpiryCheck expiry;

	private final Clock clock;

	/** The fingerprint last read per directory, valid or not; a directory not yet read is absent. */
	private final Map<Path, String> read = new HashMap<>();

	private ScheduledExecutorService executor;

	/** Whether the last check failed as a whole; only the first failure in a row is logged. */
	private boolean failing;

	KubernetesBindingsWatcher(ServiceBindings bindings, Path root, Duration interval, CertificateExpiryCheck expiry,
			Clock clock) {
		this.bindings = bindings;
		this.root = root;
		this.interval = interval;
		this.expiry = expiry;
		this.clock = clock;
	}

	@Override
	public synchronized void start() {
		this.expiry.check(this.bindings);
		if (this.interval.isZero() || this.interval.isNegative() || this.executor != null) {
			return;
		}
		if (KubernetesBindingsReader.directories(this.root).isEmpty()) {
			logger.debug("No Kubernetes bindings under " + this.root + "; nothing to watch for rotation");
			return;
		}
		this.executor = Executors.newSingleThreadScheduledExecutor((task) -> {
			Thread thread = new Thread(task, THREAD_NAME);
			thread.setDaemon(true);
			return thread;
		});
		long millis = this.interval.toMillis();
		this.executor.scheduleWithFixedDelay(this::checkAndLogFailure, millis, millis, TimeUnit.MILLISECONDS);
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

	private void checkAndLogFailure() {
		try {
			check();
			this.failing = false;
		}
		catch (RuntimeException ex) {
			// A scheduled task that throws is never run again; the next check may well succeed.
			if (!this.failing) {
				this.failing = true;
				logger.warn("Checking Kubernetes bindings under " + this.root + " for rotation failed ("
						+ ex.getClass().getSimpleName() + "); trying again every " + this.interval
						+ " (logged once until a check succeeds)");
			}
		}
	}

	/** Reads every changed binding directory once and takes valid new versions into use. */
	synchronized void check() {
		for (Path directory : KubernetesBindingsReader.directories(this.root)) {
			String before = fingerprint(directory);
			if (before != null && !before.equals(this.read.get(directory))) {
				reread(directory, before);
			}
		}
		this.expiry.check(this.bindings);
	}

	private void reread(Path directory, String fingerprint) {
		List<ServiceBinding> next;
		try {
			next = KubernetesBindingsReader.readDirectory(directory);
		}
		catch (ServiceBindingException ex) {
			if (fingerprint.equals(fingerprint(directory))) {
				this.read.put(directory, fingerprint);
				logger.warn("A new version of a Kubernetes binding is not usable; the previous version stays in use. "
						+ ex.getMessage() + ". " + ex.getAction());
			}
			return;
		}
		if (!fingerprint.equals(fingerprint(directory))) {
			return;
		}
		this.read.put(directory, fingerprint);
		// one binding, or several of a service directory of the layered layout
		next.forEach(this::takeIntoUse);
	}

	private void takeIntoUse(ServiceBinding next) {
		ServiceBinding current = currentVersionOf(next);
		if (current == null || sameContent(current, next)) {
			return;
		}
		try {
			this.bindings.replace(current, next, this.clock.instant());
			logger.info("Service binding '" + next.name() + "' (" + next.service() + ") from " + next.source()
					+ " was rotated; token requests use the new version from now on");
		}
		catch (ServiceBindingException ex) {
			logger.warn("A new version of a Kubernetes binding is not usable; the previous version stays in use. "
					+ ex.getMessage() + ". " + ex.getAction());
		}
	}

	private ServiceBinding currentVersionOf(ServiceBinding next) {
		return this.bindings.all()
			.stream()
			.filter((b) -> b.name().equals(next.name()) && b.source().equals(next.source()))
			.findFirst()
			.orElse(null);
	}

	/** Like {@code equals}, but binary entries ({@code byte[]}) compare by content. */
	private static boolean sameContent(ServiceBinding current, ServiceBinding next) {
		if (!current.name().equals(next.name()) || !current.service().equals(next.service())
				|| !Objects.equals(current.plan(), next.plan()) || !current.tags().equals(next.tags())
				|| !current.credentials().keySet().equals(next.credentials().keySet())) {
			return false;
		}
		return current.credentials()
			.entrySet()
			.stream()
			.allMatch((entry) -> Objects.deepEquals(entry.getValue(), next.credentials().get(entry.getKey())));
	}

	/** @return what changes when the directory's content changes, or {@code null} when it cannot be read */
	static String fingerprint(Path directory) {
		Path data = directory.resolve("..data");
		try {
			if (Files.isSymbolicLink(data)) {
				return "..data -> " + Files.readSymbolicLink(data);
			}
			StringBuilder fingerprint = new StringBuilder();
			try (Stream<Path> entries = Files.list(directory)) {
				for (Path entry : entries.sorted().toList()) {
					BasicFileAttributes attributes = Files.readAttributes(entry, BasicFileAttributes.class);
					fingerprint.append(entry.getFileName())
						.append(':')
						.append(attributes.size())
						.append(':')
						.append(attributes.lastModifiedTime().toMillis())
						.append('\n');
				}
			}
			return fingerprint.toString();
		}
		catch (IOException ex) {
			return null;
		}
	}

}
