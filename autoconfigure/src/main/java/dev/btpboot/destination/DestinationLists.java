package dev.btpboot.destination;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiFunction;

import dev.btpboot.destination.DestinationException.Step;
import dev.btpboot.destination.DestinationServiceClient.Listed;

/**
 * The lists of a tenant's destinations by level ({@code /subaccountDestinations},
 * {@code /instanceDestinations}), cached for {@code btp.destinations.cache.ttl} like single
 * destinations: one request per tenant and level however many threads ask, and the last list
 * served while the service fails with an I/O error or 5xx. {@code findAll()} reads both levels;
 * change detection compares cached destinations with them.
 */
final class DestinationLists {

	private final Duration ttl;

	private final Clock clock;

	private final BiFunction<String, DestinationLevel, List<Listed>> fetch;

	private final Map<Key, Entry> entries = new ConcurrentHashMap<>();

	/**
	 * @param ttl how long a list is reused
	 * @param clock the clock
	 * @param fetch asks the service for the list of a tenant (or {@code null}) and level
	 */
	DestinationLists(Duration ttl, Clock clock, BiFunction<String, DestinationLevel, List<Listed>> fetch) {
		this.ttl = ttl;
		this.clock = clock;
		this.fetch = fetch;
	}

	/**
	 * @param tenant the tenant's id, or {@code null} for the binding's own
	 * @param level {@link DestinationLevel#SUBACCOUNT} or {@link DestinationLevel#INSTANCE}
	 * @return the list
	 * @throws DestinationException when the service fails and no list is cached
	 */
	List<Listed> get(String tenant, DestinationLevel level) {
		Key key = new Key(tenant, level);
		Entry entry = this.entries.computeIfAbsent(key, (k) -> new Entry());
		Cached cached = entry.cached;
		Instant now = this.clock.instant();
		if (cached != null && now.isBefore(cached.refreshAt)) {
			return cached.listed;
		}
		CompletableFuture<List<Listed>> mine = new CompletableFuture<>();
		CompletableFuture<List<Listed>> running = entry.inFlight.compareAndExchange(null, mine);
		if (running != null) {
			return (cached != null) ? cached.listed : await(key, running);
		}
		try {
			List<Listed> listed = this.fetch.apply(tenant, level);
			entry.cached = new Cached(listed, this.clock.instant().plus(this.ttl));
			mine.complete(listed);
			return listed;
		}
		catch (DestinationException ex) {
			if (ex.isRetryable() && cached != null) {
				mine.complete(cached.listed);
				return cached.listed;
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

	/** Forgets the lists of a tenant. */
	void evictTenant(String tenant) {
		this.entries.keySet().removeIf((key) -> tenant.equals(key.tenant()));
	}

	private static List<Listed> await(Key key, CompletableFuture<List<Listed>> running) {
		try {
			return running.get();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new DestinationException(DestinationServiceClient.listName(key.level()), key.tenant(), Step.LOOKUP, 0,
					false, "interrupted while waiting for the request another thread made", ex);
		}
		catch (ExecutionException ex) {
			if (ex.getCause() instanceof RuntimeException runtime) {
				throw runtime;
			}
			throw new IllegalStateException(ex.getCause());
		}
	}

	private record Key(String tenant, DestinationLevel level) {
	}

	private record Cached(List<Listed> listed, Instant refreshAt) {
	}

	private static final class Entry {

		volatile Cached cached;

		final AtomicReference<CompletableFuture<List<Listed>>> inFlight = new AtomicReference<>();

	}

}
