package dev.btpboot.destination;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * Timer {@code btp.destination.lookups} with tags {@code cache} ({@code hit}, {@code miss}) and
 * {@code outcome}: a hit is timed as the cached find took; a miss as asking the service took.
 * Counter {@code btp.destination.requests} with tag {@code kind}: HTTP requests to the Destination
 * service, {@code find} (one destination) and {@code list} (the list of a level).
 */
final class MicrometerDestinationObserver implements DestinationObserver {

	static final String LOOKUPS = "btp.destination.lookups";

	static final String REQUESTS = "btp.destination.requests";

	private final MeterRegistry registry;

	private final Timer hits;

	private final Map<String, Timer> misses = new ConcurrentHashMap<>();

	private final Map<String, Counter> requests = new ConcurrentHashMap<>();

	MicrometerDestinationObserver(MeterRegistry registry) {
		this.registry = registry;
		this.hits = timer("hit", "success");
	}

	private Timer timer(String cache, String outcome) {
		return Timer.builder(LOOKUPS)
			.description("Destination look-ups: cache hits and requests to the Destination service")
			.tag("cache", cache)
			.tag("outcome", outcome)
			.register(this.registry);
	}

	@Override
	public boolean timesHits() {
		return true;
	}

	@Override
	public void hit(long nanos) {
		this.hits.record(nanos, TimeUnit.NANOSECONDS);
	}

	@Override
	public void lookedUp(String outcome, long nanos) {
		this.misses.computeIfAbsent(outcome, (o) -> timer("miss", o)).record(nanos, TimeUnit.NANOSECONDS);
	}

	@Override
	public void requested(String kind) {
		this.requests.computeIfAbsent(kind, (k) -> Counter.builder(REQUESTS)
			.description("HTTP requests to the Destination service: find (one destination) and list (a level)")
			.tag("kind", k)
			.register(this.registry)).increment();
	}

}
