package dev.btpboot.destination;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

import dev.btpboot.destination.DestinationException.Step;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Looked-up destinations by tenant, name and (for user-dependent ones) user: one look-up per key
 * however many threads ask, reused for the TTL but never once an auth token is within its margin
 * of {@code expires_in}, and served stale while the service fails with an I/O error or 5xx (then
 * asked again after a pause, not on every call).
 */
final class DestinationCache {

	private static final Log logger = LogFactory.getLog(DestinationCache.class);

	/** Entries kept before those without a usable destination are dropped. */
	static final int MAX_SIZE = 10_000;

	private static final Duration TOKEN_MARGIN = Duration.ofSeconds(60);

	private final Duration ttl;

	private final Duration retryPause;

	private final Clock clock;

	private final DestinationObserver observer;

	private final Map<Key, Entry> entries = new ConcurrentHashMap<>();

	/**
	 * @param ttl how long a destination is reused
	 * @param retryPause how long a stale destination is served after a failed look-up before the
	 * service is asked again
	 * @param clock the clock
	 * @param observer sees hits and look-ups
	 */
	DestinationCache(Duration ttl, Duration retryPause, Clock clock, DestinationObserver observer) {
		this.ttl = ttl;
		this.retryPause = retryPause;
		this.clock = clock;
		this.observer = observer;
	}

	/**
	 * @param key the tenant, name and user
	 * @param lookup asks the service once for the key (retries included); {@code null} when it does
	 * not know the name
	 * @return the destination, or empty when the service does not know it
	 * @throws DestinationException when the look-up fails and nothing usable is cached
	 */
	Optional<Destination> get(Key key, Function<Key, Destination> lookup) {
		long start = this.observer.timesHits() ? System.nanoTime() : 0;
		Entry entry = this.entries.get(key);
		Cached cached = (entry != null) ? entry.cached : null;
		// Milliseconds, not an Instant: a hit allocates nothing (benchmarks/README.md).
		if (cached != null && this.clock.millis() < cached.refreshAtMillis) {
			if (start != 0) {
				this.observer.hit(System.nanoTime() - start);
			}
			return cached.present;
		}
		if (entry == null) {
			evictIfFull();
			entry = this.entries.computeIfAbsent(key, (k) -> new Entry());
		}
		return refresh(key, entry, lookup);
	}

	int size() {
		return this.entries.size();
	}

	/**
	 * Forgets the destinations of a tenant (those of its users too). A look-up in flight still
	 * completes for its callers.
	 * @param tenant the tenant's id
	 * @return how many entries were forgotten
	 */
	int evictTenant(String tenant) {
		int before = this.entries.size();
		this.entries.keySet().removeIf((key) -> tenant.equals(key.tenant()));
		return before - this.entries.size();
	}

	private Optional<Destination> refresh(Key key, Entry entry, Function<Key, Destination> lookup) {
		Instant now = this.clock.instant();
		Cached stale = entry.cached;
		boolean staleUsable = stale != null && now.isBefore(stale.usableUntil);
		Instant notBefore = entry.retryNotBefore;
		if (staleUsable && notBefore != null && now.isBefore(notBefore)) {
			return stale.present;
		}
		CompletableFuture<Optional<Destination>> mine = new CompletableFuture<>();
		CompletableFuture<Optional<Destination>> running = entry.inFlight.compareAndExchange(null, mine);
		if (running != null) {
			// Another thread asks the service: a still usable destination is served meanwhile.
			return staleUsable ? stale.present : await(key, running);
		}
		try {
			Cached current = entry.cached;
			if (current != null && this.clock.instant().isBefore(current.refreshAt)) {
				mine.complete(current.present);
				return current.present;
			}
			Optional<Destination> found = timed(key, lookup);
			entry.cached = found.map(this::cached).orElse(null);
			if (entry.retryNotBefore != null) {
				entry.retryNotBefore = null;
				logger.info("Destination '" + key.name() + "' for " + DestinationException.tenantText(key.tenant())
						+ " is looked up again successfully");
			}
			mine.complete(found);
			return found;
		}
		catch (DestinationException ex) {
			Cached usable = entry.cached;
			if (ex.isRetryable() && usable != null && this.clock.instant().isBefore(usable.usableUntil)) {
				if (entry.retryNotBefore == null) {
					logger.warn(ex.getMessage() + "; serving the destination looked up at " + usable.fetchedAt
							+ " until the service answers again (logged once)");
				}
				entry.retryNotBefore = this.clock.instant().plus(this.retryPause);
				this.observer.lookedUp("stale", 0);
				mine.complete(usable.present);
				return usable.present;
			}
			if (!ex.isRetryable()) {
				entry.cached = null;
			}
			mine.completeExceptionally(ex);
			throw ex;
		}
		catch (RuntimeException ex) {
			mine.completeExceptionally(ex);
			throw ex;
		}
		finally {
			entry.inFlight.set(null);
		}
	}

	private Optional<Destination> timed(Key key, Function<Key, Destination> lookup) {
		long start = System.nanoTime();
		try {
			Destination found = lookup.apply(key);
			this.observer.lookedUp((found != null) ? "success" : "not_found", System.nanoTime() - start);
			return Optional.ofNullable(found);
		}
		catch (DestinationException ex) {
			this.observer.lookedUp(ex.isRetryable() ? "error" : "rejected", System.nanoTime() - start);
			throw ex;
		}
	}

	private Cached cached(Destination destination) {
		Instant now = this.clock.instant();
		Instant usableUntil = Instant.MAX;
		for (AuthToken token : destination.authTokens()) {
			if (token.expiresAt() != null) {
				Duration lifetime = Duration.between(now, token.expiresAt());
				Duration margin = lifetime.isNegative() ? Duration.ZERO : lifetime.dividedBy(2);
				if (margin.compareTo(TOKEN_MARGIN) > 0) {
					margin = TOKEN_MARGIN;
				}
				Instant until = token.expiresAt().minus(margin);
				if (until.isBefore(usableUntil)) {
					usableUntil = until;
				}
			}
		}
		Instant expires = now.plus(this.ttl);
		return new Cached(destination, Optional.of(destination), now, expires.isBefore(usableUntil) ? expires : usableUntil,
				usableUntil);
	}

	private static Optional<Destination> await(Key key, CompletableFuture<Optional<Destination>> running) {
		try {
			return running.get();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new DestinationException(key.name(), key.tenant(), Step.LOOKUP, 0, false,
					"interrupted while waiting for the look-up another thread made", ex);
		}
		catch (ExecutionException ex) {
			if (ex.getCause() instanceof RuntimeException runtime) {
				throw runtime;
			}
			throw new IllegalStateException(ex.getCause());
		}
	}

	/** Over the bound, drop entries without a usable destination and no look-up in flight. */
	private void evictIfFull() {
		if (this.entries.size() < MAX_SIZE) {
			return;
		}
		Instant now = this.clock.instant();
		this.entries.values()
			.removeIf((entry) -> entry.inFlight.get() == null
					&& (entry.cached == null || !now.isBefore(entry.cached.usableUntil)
							|| !now.isBefore(entry.cached.refreshAt)));
	}

	/**
	 * What a destination is cached for.
	 *
	 * @param tenant the tenant's id, or {@code null} for the binding's own tenant
	 * @param name the destination's name
	 * @param user a hash of the user's token for user-dependent destinations, else {@code null}
	 */
	record Key(String tenant, String name, String user) {
	}

	/** One key's destination and the look-up in flight for it, if any. */
	private static final class Entry {

		volatile Cached cached;

		volatile Instant retryNotBefore;

		final AtomicReference<CompletableFuture<Optional<Destination>>> inFlight = new AtomicReference<>();

	}

	/**
	 * A destination with the instants that matter to the cache.
	 *
	 * @param destination the destination
	 * @param present the destination as handed out (allocated once, not per hit)
	 * @param fetchedAt when it was looked up
	 * @param refreshAt from then on, it is looked up again
	 * @param usableUntil its auth tokens' expiry minus the margin: never served from then on
	 * @param refreshAtMillis {@code refreshAt} in epoch milliseconds
	 */
	private record Cached(Destination destination, Optional<Destination> present, Instant fetchedAt, Instant refreshAt,
			Instant usableUntil, long refreshAtMillis) {

		Cached(Destination destination, Optional<Destination> present, Instant fetchedAt, Instant refreshAt,
				Instant usableUntil) {
			this(destination, present, fetchedAt, refreshAt, usableUntil,
					refreshAt.equals(Instant.MAX) ? Long.MAX_VALUE : refreshAt.toEpochMilli());
		}

	}

}
