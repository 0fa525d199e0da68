package dev.btpboot.destination;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicReference;

import dev.btpboot.destination.DestinationException.Step;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Looked-up destinations by tenant, name, fragment and, for user-dependent ones, user: one
 * look-up per key however many threads ask, reused for the TTL but never once an auth token is
 * within its margin of {@code expires_in}, and served stale while the service fails with an I/O
 * error or 5xx (then asked again after a pause, not on every call).
 * <p>
 * The first look-up of a name carries the user's token, if there is one: a destination that does
 * not depend on the user is kept for the tenant; one that does is kept for that user (by a hash
 * of the token) and the tenant's entry only remembers that it is user-dependent, so each further
 * user costs one request. With change detection, an entry whose TTL ran out is compared with the
 * level's list ({@link ChangeCheck}) and reused when its definition did not change, up to a
 * maximum age.
 */
final class DestinationCache {

	private static final Log logger = LogFactory.getLog(DestinationCache.class);

	/** Entries kept before those without a usable destination are dropped. */
	static final int MAX_SIZE = 10_000;

	private static final Duration TOKEN_MARGIN = Duration.ofSeconds(60);

	/** The subject of a user-dependent destination looked up without a user's token. */
	private static final String WITHOUT_USER = "";

	private final Duration ttl;

	private final Duration retryPause;

	private final Clock clock;

	private final DestinationObserver observer;

	private final ChangeCheck changes;

	private final Duration maxAge;

	private final Map<Key, Entry> entries = new ConcurrentHashMap<>();

	/**
	 * @param ttl how long a destination is reused
	 * @param retryPause how long a stale destination is served after a failed look-up before the
	 * service is asked again
	 * @param clock the clock
	 * @param observer sees hits and look-ups
	 */
	DestinationCache(Duration ttl, Duration retryPause, Clock clock, DestinationObserver observer) {
		this(ttl, retryPause, clock, observer, null, Duration.ZERO);
	}

	/**
	 * @param ttl how long a destination is reused
	 * @param retryPause how long a stale destination is served after a failed look-up before the
	 * service is asked again
	 * @param clock the clock
	 * @param observer sees hits and look-ups
	 * @param changes compares an entry with the level's list after its TTL, or {@code null}
	 * @param maxAge how long an entry the list shows unchanged is reused at most
	 */
	DestinationCache(Duration ttl, Duration retryPause, Clock clock, DestinationObserver observer, ChangeCheck changes,
			Duration maxAge) {
		this.ttl = ttl;
		this.retryPause = retryPause;
		this.clock = clock;
		this.observer = observer;
		this.changes = changes;
		this.maxAge = maxAge;
	}

	/**
	 * @param key the tenant, name and fragment; a subject only for a refresh token's key
	 * @param userToken the current user's token, or {@code null}
	 * @param options the options of the look-up (fragment, refresh token)
	 * @param lookup asks the service once (retries included)
	 * @return the destination, or empty when the service does not know it
	 * @throws DestinationException when the look-up fails and nothing usable is cached
	 */
	Optional<Destination> get(Key key, String userToken, DestinationOptions options, Lookup lookup) {
		long start = this.observer.timesHits() ? System.nanoTime() : 0;
		Entry entry = this.entries.get(key);
		Cached cached = (entry != null) ? entry.cached : null;
		// Milliseconds, not an Instant: a hit allocates nothing but the key (benchmarks/README.md).
		if (cached != null && this.clock.millis() < cached.refreshAtMillis) {
			if (servable(cached, key, userToken)) {
				if (start != 0) {
					this.observer.hit(System.nanoTime() - start);
				}
				return cached.present;
			}
			return forUser(key, userToken, options, lookup);
		}
		if (entry == null) {
			evictIfFull();
			entry = this.entries.computeIfAbsent(key, (k) -> new Entry());
		}
		return refresh(key, entry, userToken, options, lookup);
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

	/**
	 * @return whether the caller may have the cached destination: a user's own entry, a
	 * destination that does not depend on the user, or one looked up without a user for a caller
	 * without one
	 */
	private static boolean servable(Cached cached, Key key, String userToken) {
		return cached.destination != null && (key.subject() != null || !cached.userDependent || userToken == null);
	}

	/** Looks a user-dependent destination up for the caller: its own entry. */
	private Optional<Destination> forUser(Key key, String userToken, DestinationOptions options, Lookup lookup) {
		return get(ownKey(key, userToken), userToken, options, lookup);
	}

	private static Key ownKey(Key key, String userToken) {
		return key.withSubject((userToken != null) ? hash(userToken) : WITHOUT_USER);
	}

	private Optional<Destination> refresh(Key key, Entry entry, String userToken, DestinationOptions options,
			Lookup lookup) {
		Instant now = this.clock.instant();
		Cached stale = usable(key, entry, userToken, now);
		Instant notBefore = entry.retryNotBefore;
		if (stale != null && notBefore != null && now.isBefore(notBefore)) {
			return stale.present;
		}
		CompletableFuture<Cached> mine = new CompletableFuture<>();
		CompletableFuture<Cached> running = entry.inFlight.compareAndExchange(null, mine);
		if (running != null) {
			// Another thread asks the service: a still usable destination is served meanwhile.
			return (stale != null) ? stale.present : handOver(key, await(key, running), userToken, options, lookup);
		}
		Cached result;
		try {
			result = lookUp(key, entry, userToken, options, lookup, now);
			mine.complete(result);
		}
		catch (DestinationException ex) {
			Cached usable = usable(key, entry, userToken, this.clock.instant());
			if (ex.isRetryable() && usable != null) {
				if (entry.retryNotBefore == null) {
					logger.warn(ex.getMessage() + "; serving the destination looked up at " + usable.fetchedAt
							+ " until the service answers again (logged once)");
				}
				entry.retryNotBefore = this.clock.instant().plus(this.retryPause);
				this.observer.lookedUp("stale", 0);
				mine.complete(usable);
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
		return handOver(key, result, userToken, options, lookup);
	}

	/**
	 * Asks the service for the key, unless another thread just did or the level's list shows the
	 * cached definition unchanged, and stores the answer.
	 * @return what the entry holds now, or {@code null} when the service does not know the name
	 */
	private Cached lookUp(Key key, Entry entry, String userToken, DestinationOptions options, Lookup lookup,
			Instant now) {
		Cached current = entry.cached;
		if (current != null && this.clock.instant().isBefore(current.refreshAt)) {
			return current;
		}
		if (unchanged(key, current, now)) {
			Cached renewed = current.renewed(now, this.ttl);
			entry.cached = renewed;
			this.observer.lookedUp("unchanged", 0);
			return renewed;
		}
		Destination found = timed(key, userToken, options, lookup);
		Cached stored;
		if (found != null && found.userDependent() && userToken != null && key.subject() == null) {
			// The answer is this user's: kept for the user; the tenant's entry remembers the kind.
			this.entries.computeIfAbsent(ownKey(key, userToken), (k) -> new Entry()).cached = cached(found);
			stored = Cached.userDependent(this.clock.instant(), this.ttl);
		}
		else {
			stored = (found != null) ? cached(found) : null;
		}
		entry.cached = stored;
		if (entry.retryNotBefore != null) {
			entry.retryNotBefore = null;
			logger.info("Destination '" + key.name() + "' for " + DestinationException.tenantText(key.tenant())
					+ " is looked up again successfully");
		}
		return stored;
	}

	/** @return whether change detection shows the cached definition unchanged */
	private boolean unchanged(Key key, Cached current, Instant now) {
		if (this.changes == null || current == null || current.destination == null || key.fragment() != null
				|| !now.isBefore(current.usableUntil) || !now.isBefore(current.fetchedAt.plus(this.maxAge))) {
			return false;
		}
		return this.changes.unchanged(key.tenant(), current.destination);
	}

	/** Hands what the entry holds to the caller, who may need its own user's entry instead. */
	private Optional<Destination> handOver(Key key, Cached cached, String userToken, DestinationOptions options,
			Lookup lookup) {
		if (cached == null) {
			return Optional.empty();
		}
		return servable(cached, key, userToken) ? cached.present : forUser(key, userToken, options, lookup);
	}

	/**
	 * @return the cached destination the caller may still use, the own user's entry behind a
	 * user-dependent one included; {@code null} when there is none
	 */
	private Cached usable(Key key, Entry entry, String userToken, Instant now) {
		Cached cached = entry.cached;
		if (cached == null) {
			return null;
		}
		if (servable(cached, key, userToken)) {
			return now.isBefore(cached.usableUntil) ? cached : null;
		}
		Entry own = this.entries.get(ownKey(key, userToken));
		Cached mine = (own != null) ? own.cached : null;
		return (mine != null && mine.destination != null && now.isBefore(mine.usableUntil)) ? mine : null;
	}

	private Destination timed(Key key, String userToken, DestinationOptions options, Lookup lookup) {
		long start = System.nanoTime();
		try {
			Destination found = lookup.find(key, userToken, options);
			this.observer.lookedUp((found != null) ? "success" : "not_found", System.nanoTime() - start);
			return found;
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
		return new Cached(destination, Optional.of(destination), destination.userDependent(), now,
				expires.isBefore(usableUntil) ? expires : usableUntil, usableUntil);
	}

	/** A cache key never holds a user's or refresh token: a hash of it. */
	static String hash(String token) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(digest);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is missing", ex);
		}
	}

	private static Cached await(Key key, CompletableFuture<Cached> running) {
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
	 * @param fragment the fragment(s) merged into it, or {@code null}
	 * @param fragmentOptional whether the fragment may be missing
	 * @param subject a hash of the user's token (user-dependent destinations) or of a refresh
	 * token, {@code ""} for a user-dependent destination looked up without a user; else {@code null}
	 */
	record Key(String tenant, String name, String fragment, boolean fragmentOptional, String subject) {

		Key withSubject(String subject) {
			return new Key(this.tenant, this.name, this.fragment, this.fragmentOptional, subject);
		}

	}

	/** Asks the service for a key. */
	@FunctionalInterface
	interface Lookup {

		/**
		 * @param key tenant, name and fragment
		 * @param userToken the user's token to send, or {@code null}
		 * @param options the options of the look-up
		 * @return the destination, or {@code null} when the service does not know it
		 */
		Destination find(Key key, String userToken, DestinationOptions options);

	}

	/** Compares a cached destination with the list of its level. */
	@FunctionalInterface
	interface ChangeCheck {

		/**
		 * @param tenant the tenant's id, or {@code null}
		 * @param cached the cached destination
		 * @return whether the level's list holds the same definition; {@code false} also when the
		 * list cannot be read
		 */
		boolean unchanged(String tenant, Destination cached);

	}

	/** One key's destination and the look-up in flight for it, if any. */
	private static final class Entry {

		volatile Cached cached;

		volatile Instant retryNotBefore;

		final AtomicReference<CompletableFuture<Cached>> inFlight = new AtomicReference<>();

	}

	/**
	 * A destination with the instants that matter to the cache.
	 *
	 * @param destination the destination; {@code null} when only its kind is known (user-dependent)
	 * @param present the destination as handed out (allocated once, not per hit)
	 * @param userDependent whether the destination depends on the user
	 * @param fetchedAt when it was looked up
	 * @param refreshAt from then on, it is looked up again
	 * @param usableUntil its auth tokens' expiry minus the margin: never served from then on
	 * @param refreshAtMillis {@code refreshAt} in epoch milliseconds
	 */
	private record Cached(Destination destination, Optional<Destination> present, boolean userDependent,
			Instant fetchedAt, Instant refreshAt, Instant usableUntil, long refreshAtMillis) {

		Cached(Destination destination, Optional<Destination> present, boolean userDependent, Instant fetchedAt,
				Instant refreshAt, Instant usableUntil) {
			this(destination, present, userDependent, fetchedAt, refreshAt, usableUntil,
					refreshAt.equals(Instant.MAX) ? Long.MAX_VALUE : refreshAt.toEpochMilli());
		}

		/** @return only the knowledge that the tenant's destination depends on the user */
		static Cached userDependent(Instant now, Duration ttl) {
			return new Cached(null, Optional.empty(), true, now, now.plus(ttl), Instant.MAX);
		}

		/** @return the same destination, reused for another TTL within its usable time */
		Cached renewed(Instant now, Duration ttl) {
			Instant expires = now.plus(ttl);
			return new Cached(this.destination, this.present, this.userDependent, this.fetchedAt,
					expires.isBefore(this.usableUntil) ? expires : this.usableUntil, this.usableUntil);
		}

	}

}
