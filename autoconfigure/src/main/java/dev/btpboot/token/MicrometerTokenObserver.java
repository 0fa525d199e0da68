package dev.btpboot.token;

import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * Timer {@code btp.token.requests} (tags service, grant, outcome) and counter
 * {@code btp.token.cache} (tags service, result {@code hit}/{@code miss}).
 */
final class MicrometerTokenObserver implements TokenObserver {

	private final MeterRegistry registry;

	private final String service;

	private final Counter hits;

	private final Counter misses;

	private MicrometerTokenObserver(MeterRegistry registry, String service) {
		this.registry = registry;
		this.service = service;
		this.hits = cacheCounter("hit");
		this.misses = cacheCounter("miss");
	}

	static TokenObserver.Factory factory(MeterRegistry registry) {
		return (service) -> new MicrometerTokenObserver(registry, service);
	}

	private Counter cacheCounter(String result) {
		return Counter.builder("btp.token.cache")
			.description("Token cache lookups")
			.tag("service", this.service)
			.tag("result", result)
			.register(this.registry);
	}

	@Override
	public void cacheHit() {
		this.hits.increment();
	}

	@Override
	public void cacheMiss() {
		this.misses.increment();
	}

	@Override
	public void requested(TokenGrant grant, String outcome, long nanos) {
		Timer.builder("btp.token.requests")
			.description("Token requests to the token endpoint, retries included")
			.tag("service", this.service)
			.tag("grant", grant.shortName())
			.tag("outcome", outcome)
			.register(this.registry)
			.record(nanos, TimeUnit.NANOSECONDS);
	}

}
