package dev.btpboot.benchmarks.soak;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The soak of {@code benchmarks/soak/run.sh}: starts {@code samples/secure-api} (its built jar) in
 * JWT mode in a JVM of its own, bound to a {@link SoakIdentityServer} on loopback, and sends it
 * requests at a fixed rate from many distinct users ({@code /api/me}, {@code /api/reports} and
 * {@code /api/orders}, the last through the connectivity proxy with a client-credentials proxy
 * token). Meanwhile the signing key rotates and the token endpoint has one outage, timed to begin
 * just before the application renews its proxy token. Prints per minute: requests, answers by
 * status, latency percentiles, the application's heap after a full GC and its open file
 * descriptors; then totals.
 * <p>
 * Arguments: application jar, output directory, minutes, users, requests per second. Environment:
 * {@code ROTATE_SECONDS} (120), {@code OUTAGE_SECONDS} (30), {@code OUTAGE_AT_SECONDS} (two fifths
 * of the run).
 */
public final class SoakRun {

	private static final int WORKERS = 8;

	private static final Duration USER_TOKEN_LIFETIME = Duration.ofMinutes(30);

	private static final Pattern HEAP_USED = Pattern.compile("total \\d+K, used (\\d+)K");

	private final SoakIdentityServer idp;

	private final long pid;

	private final URI base;

	private final int users;

	private final int rate;

	private final int minutesToRun;

	/** Set when the load starts (after the application is ready), before any worker runs. */
	private long startNanos;

	private long endNanos;

	private final HttpClient client = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	/** Each user's token and the key it was signed with; re-signed after a rotation. */
	private final AtomicReferenceArray<String[]> userTokens;

	private final Map<Integer, Minute> minutes = new ConcurrentHashMap<>();

	private final AtomicLong sent = new AtomicLong();

	private final long maxRequests;

	private SoakRun(SoakIdentityServer idp, long pid, int port, int minutes, int users, int rate) {
		this.idp = idp;
		this.pid = pid;
		this.base = URI.create("http://127.0.0.1:" + port);
		this.users = users;
		this.rate = rate;
		this.minutesToRun = minutes;
		this.userTokens = new AtomicReferenceArray<>(users);
		// A bound on the count as well as on the time: the pacing never sends more than this.
		this.maxRequests = (long) rate * minutes * 60 + rate;
	}

	public static void main(String[] args) throws Exception {
		Path jar = Path.of(args[0]);
		Path out = Path.of(args[1]);
		int minutes = Integer.parseInt(args[2]);
		int users = Integer.parseInt(args[3]);
		int rate = Integer.parseInt(args[4]);
		long rotateSeconds = env("ROTATE_SECONDS", 120);
		long outageSeconds = env("OUTAGE_SECONDS", 30);
		long outageAt = env("OUTAGE_AT_SECONDS", minutes * 60L * 2 / 5);
		Files.createDirectories(out);
		try (SoakIdentityServer idp = new SoakIdentityServer()) {
			int port = freePort();
			Process app = startApplication(jar, idp, port, out.resolve("app.log"));
			Thread killer = new Thread(app::destroyForcibly);
			Runtime.getRuntime().addShutdownHook(killer);
			try {
				SoakRun run = new SoakRun(idp, app.pid(), port, minutes, users, rate);
				run.awaitReady(app);
				System.out.printf("secure-api pid %d on %s, identity server %s; %d min, %d users, %d req/s, "
						+ "key rotation every %d s, token endpoint outage of %d s from about %d s%n", app.pid(),
						run.base, idp.uaaDomain(), minutes, users, rate, rotateSeconds, outageSeconds, outageAt);
				run.run(rotateSeconds, outageSeconds, outageAt);
			}
			finally {
				app.destroy();
				if (!app.waitFor(30, TimeUnit.SECONDS)) {
					app.destroyForcibly();
				}
				Runtime.getRuntime().removeShutdownHook(killer);
			}
		}
	}

	private static Process startApplication(Path jar, SoakIdentityServer idp, int port, Path log) throws IOException {
		String java = ProcessHandle.current().info().command().orElse("java");
		ProcessBuilder builder = new ProcessBuilder(java, "-Xmx256m", "-jar", jar.toString(),
				"--server.port=" + port, "--server.address=127.0.0.1", "--btp.security.mode=jwt",
				// Proxy tokens of 90 s renewed after 45 s and usable until 80 s: renewal has 35 s to succeed.
				"--btp.token.refresh-ahead=0.5", "--btp.token.expiry-margin=10s", "--logging.level.root=WARN",
				"--spring.main.banner-mode=off", "--erp.url=http://erp.virtual:44300")
			.redirectErrorStream(true)
			.redirectOutput(log.toFile());
		builder.environment().put("VCAP_SERVICES", idp.vcapServices());
		return builder.start();
	}

	private void awaitReady(Process app) throws InterruptedException {
		HttpRequest probe = HttpRequest.newBuilder(this.base.resolve("/actuator/health/readiness"))
			.timeout(Duration.ofSeconds(5))
			.build();
		for (int i = 0; i < 240; i++) {
			if (!app.isAlive()) {
				throw new IllegalStateException("secure-api exited with " + app.exitValue() + "; see app.log");
			}
			try {
				if (this.client.send(probe, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
					return;
				}
			}
			catch (IOException ex) {
				// not listening yet
			}
			Thread.sleep(500);
		}
		throw new IllegalStateException("secure-api not ready after 120 s; see app.log");
	}

	private void run(long rotateSeconds, long outageSeconds, long outageAt) throws Exception {
		this.startNanos = System.nanoTime();
		this.endNanos = this.startNanos + TimeUnit.MINUTES.toNanos(this.minutesToRun);
		ExecutorService workers = Executors.newFixedThreadPool(WORKERS);
		for (int i = 0; i < WORKERS; i++) {
			workers.execute(this::work);
		}
		System.out.printf("%-4s %9s %7s %-28s %8s %8s %8s %11s %5s  %s%n", "min", "requests", "2xx",
				"errors by status", "p50 ms", "p99 ms", "max ms", "heap-gc MB", "fds", "events");
		List<String> events = new ArrayList<>();
		long nextRotation = rotateSeconds;
		long outageStarted = -1;
		long outageEnded = -1;
		int reported = 0;
		List<Long> heaps = new ArrayList<>();
		List<Long> fds = new ArrayList<>();
		while (System.nanoTime() < this.endNanos) {
			Thread.sleep(1000);
			long second = elapsedSeconds();
			int minute = (int) (second / 60);
			if (minute > reported) {
				reported = report(reported, events, heaps, fds);
			}
			if (second >= nextRotation) {
				this.idp.rotateKey();
				events.add("rotation to " + this.idp.currentKeyId() + " at " + second + " s");
				nextRotation += rotateSeconds;
			}
			if (outageStarted < 0 && second >= outageAt && (renewalDueWithin(5) || second >= outageAt + 90)) {
				this.idp.outage(true);
				outageStarted = second;
				events.add("token endpoint down at " + second + " s (proxy token "
						+ ageOfClientToken() / 1000 + " s old)");
			}
			if (outageStarted >= 0 && outageEnded < 0 && second >= outageStarted + outageSeconds) {
				this.idp.outage(false);
				outageEnded = second;
				events.add("token endpoint up at " + second + " s");
			}
		}
		workers.shutdown();
		if (!workers.awaitTermination(30, TimeUnit.SECONDS)) {
			workers.shutdownNow();
		}
		this.idp.outage(false);
		if (this.minutes.containsKey(reported)) {
			report(reported, events, heaps, fds);
		}
		summary(heaps, fds);
	}

	/** @return whether the application's next proxy-token renewal (half its lifetime) is due within so many seconds */
	private boolean renewalDueWithin(long seconds) {
		long issued = this.idp.lastClientTokenIssued.get();
		long due = SoakIdentityServer.CLIENT_TOKEN_LIFETIME.toMillis() / 2;
		long age = ageOfClientToken();
		return issued > 0 && age < due && age >= due - seconds * 1000;
	}

	private long ageOfClientToken() {
		return System.currentTimeMillis() - this.idp.lastClientTokenIssued.get();
	}

	private int report(int minute, List<String> events, List<Long> heaps, List<Long> fds) {
		Minute stats = this.minutes.getOrDefault(minute, new Minute());
		long heap = heapAfterGcKb();
		long open = openFileDescriptors();
		heaps.add(heap);
		fds.add(open);
		long[] latencies = stats.latencies();
		Map<String, Long> errors = new TreeMap<>();
		stats.byStatus.forEach((status, count) -> {
			if (!status.startsWith("2")) {
				errors.put(status, count.sum());
			}
		});
		System.out.printf("%-4d %9d %7d %-28s %8.1f %8.1f %8.1f %11.1f %5d  %s%n", minute + 1, latencies.length,
				stats.count("200"), errors.isEmpty() ? "-" : errors.toString(), percentile(latencies, 0.50),
				percentile(latencies, 0.99), percentile(latencies, 1.0), heap / 1024.0, open, String.join("; ", events));
		events.clear();
		return minute + 1;
	}

	private void summary(List<Long> heaps, List<Long> fds) {
		Map<String, Long> total = new TreeMap<>();
		this.minutes.values()
			.forEach((minute) -> minute.byStatus.forEach((status, count) -> total.merge(status, count.sum(), Long::sum)));
		long requests = total.values().stream().mapToLong(Long::longValue).sum();
		long fiveHundreds = total.entrySet().stream().filter((e) -> e.getKey().startsWith("5")).mapToLong(Map.Entry::getValue).sum();
		long distinct = 0;
		for (int i = 0; i < this.users; i++) {
			distinct += (this.userTokens.get(i) != null) ? 1 : 0;
		}
		Map<String, Long> idpCounts = new TreeMap<>();
		this.idp.counts.forEach((what, count) -> idpCounts.put(what, count.sum()));
		System.out.println();
		System.out.printf("requests served: %d (answers by status: %s), distinct users: %d%n", requests, total, distinct);
		System.out.printf("5xx: %d, 401: %d, I/O errors: %d%n", fiveHundreds, total.getOrDefault("401", 0L),
				total.entrySet().stream().filter((e) -> e.getKey().startsWith("io:")).mapToLong(Map.Entry::getValue).sum());
		System.out.printf("heap after GC, MB per minute: %s%n",
				heaps.stream().map((kb) -> String.format("%.1f", kb / 1024.0)).toList());
		System.out.printf("open file descriptors per minute: %s%n", fds);
		System.out.printf("identity server and proxy: %s%n", idpCounts);
	}

	private void work() {
		ThreadLocalRandom random = ThreadLocalRandom.current();
		long interval = TimeUnit.SECONDS.toNanos(1) * WORKERS / this.rate;
		long next = System.nanoTime() + random.nextLong(interval);
		while (!Thread.currentThread().isInterrupted() && System.nanoTime() < this.endNanos
				&& this.sent.incrementAndGet() <= this.maxRequests) {
			long wait = next - System.nanoTime();
			if (wait > 0) {
				LockSupport.parkNanos(wait);
				if (System.nanoTime() >= this.endNanos) {
					return;
				}
			}
			else if (wait < -TimeUnit.SECONDS.toNanos(1)) {
				// Far behind (the machine is busy): skip the missed slots rather than burst.
				next = System.nanoTime();
			}
			next += interval;
			String token = tokenOf(random.nextInt(this.users));
			double pick = random.nextDouble();
			String path = (pick < 0.4) ? "/api/me" : (pick < 0.8) ? "/api/reports" : "/api/orders";
			HttpRequest request = HttpRequest.newBuilder(this.base.resolve(path))
				.timeout(Duration.ofSeconds(10))
				.header("Authorization", "Bearer " + token)
				.build();
			long start = System.nanoTime();
			String status;
			try {
				status = String.valueOf(this.client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode());
			}
			catch (IOException ex) {
				status = "io:" + ex.getClass().getSimpleName();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
			long micros = (System.nanoTime() - start) / 1000;
			int minute = (int) ((start - this.startNanos) / TimeUnit.MINUTES.toNanos(1));
			this.minutes.computeIfAbsent(minute, (m) -> new Minute()).record(status, micros);
		}
	}

	/** @return the user's token, signed again when the key has rotated since */
	private String tokenOf(int user) {
		String keyId = this.idp.currentKeyId();
		String[] held = this.userTokens.get(user);
		if (held != null && held[0].equals(keyId)) {
			return held[1];
		}
		String token = this.idp.userToken("soak-user-" + user, USER_TOKEN_LIFETIME);
		this.userTokens.set(user, new String[] { keyId, token });
		return token;
	}

	private long elapsedSeconds() {
		return TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - this.startNanos);
	}

	/** @return used heap in KB after a full GC of the application, by jcmd ({@code GC.run}, {@code GC.heap_info}) */
	private long heapAfterGcKb() {
		jcmd("GC.run");
		Matcher used = HEAP_USED.matcher(jcmd("GC.heap_info"));
		return used.find() ? Long.parseLong(used.group(1)) : -1;
	}

	private String jcmd(String command) {
		try {
			Process jcmd = new ProcessBuilder("jcmd", String.valueOf(this.pid), command).redirectErrorStream(true).start();
			byte[] output = jcmd.getInputStream().readAllBytes();
			if (!jcmd.waitFor(60, TimeUnit.SECONDS)) {
				jcmd.destroyForcibly();
			}
			return new String(output, StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return "";
		}
	}

	private long openFileDescriptors() {
		try (var entries = Files.list(Path.of("/proc", String.valueOf(this.pid), "fd"))) {
			return entries.count();
		}
		catch (IOException ex) {
			return -1;
		}
	}

	private static double percentile(long[] sorted, double fraction) {
		if (sorted.length == 0) {
			return 0;
		}
		int index = (int) Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1);
		return sorted[Math.max(0, index)] / 1000.0;
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

	private static long env(String name, long fallback) {
		String value = System.getenv(name);
		return (value != null && !value.isBlank()) ? Long.parseLong(value.trim()) : fallback;
	}

	/** What one minute saw. */
	private static final class Minute {

		final Map<String, LongAdder> byStatus = new ConcurrentHashMap<>();

		private long[] latencies = new long[1024];

		private int size;

		void record(String status, long micros) {
			this.byStatus.computeIfAbsent(status, (s) -> new LongAdder()).increment();
			synchronized (this) {
				if (this.size == this.latencies.length) {
					this.latencies = Arrays.copyOf(this.latencies, this.size * 2);
				}
				this.latencies[this.size++] = micros;
			}
		}

		long count(String status) {
			LongAdder adder = this.byStatus.get(status);
			return (adder != null) ? adder.sum() : 0;
		}

		synchronized long[] latencies() {
			long[] sorted = Arrays.copyOf(this.latencies, this.size);
			Arrays.sort(sorted);
			return sorted;
		}

	}

}
