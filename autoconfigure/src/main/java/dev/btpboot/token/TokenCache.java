package dev.btpboot.token;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * The tokens of one binding, whatever the grant: one request per key however many threads ask
 * (single flight), renewal in the background once {@code refresh-ahead} of a token's lifetime has
 * passed, the current token served while renewal fails, and never a token within
 * {@code expiry-margin} of its expiry. Bounded by {@code cache.max-size}.
 */
final class TokenCache {

	private static final Log logger = LogFactory.getLog(TokenCache.class);

	private final String service;

	private final String bindingName;

	private final URI tokenEndpoint;

	private final TokenProperties properties;

	private final Clock clock;

	private final Executor refresher;

	private final TokenObserver observer;

	private final Map<TokenKey, Entry> entries = new ConcurrentHashMap<>();

	/** Whether the token endpoint is failing; the first failure of an outage is logged, no later one. */
	private final AtomicBoolean failing = new AtomicBoolean();

	/** The last failure that left a caller without a token; {@code null} once a request succeeds. */
	private volatile TokenRequestException unavailable;

	TokenCache(String service, String bindingName, URI tokenEndpoint, TokenProperties properties, Clock clock,
			Executor refresher, TokenObserver observer) {
		this.service = service;
		this.bindingName = bindingName;
		this.tokenEndpoint = tokenEndpoint;
		this.properties = properties;
		this.clock = clock;
		this.refresher = refresher;
		this.observer = observer;
	}

	/**
	 * @param key what the token is for
	 * @param request makes one token request (retries included)
	 * @return a token that is not within the expiry margin
	 * @throws TokenRequestException when no valid token is cached and the request fails
	 */
	AccessToken get(TokenKey key, Supplier<AccessToken> request) {
		Entry entry = this.entries.get(key);
		if (entry != null) {
			Cached cached = entry.cached;
			Instant now = this.clock.instant();
			if (cached != null && cached.usableAt(now)) {
				this.observer.cacheHit();
				if (!now.isBefore(cached.refreshAt)) {
					refreshInBackground(key, entry, request, now);
				}
				return cached.token;
			}
		}
		else {
			entry = this.entries.computeIfAbsent(key, (k) -> new Entry());
			evictIfFull(key);
		}
		this.observer.cacheMiss();
		return fetch(key, entry, request);
	}

	/**
	 * @return the last failure when no key of this binding has a usable token (the service
	 * cannot obtain any valid token), else {@code null}
	 */
	TokenRequestException unavailable() {
		TokenRequestException failure = this.unavailable;
		if (failure == null) {
			return null;
		}
		Instant now = this.clock.instant();
		boolean anyUsable = this.entries.values().stream().map((entry) -> entry.cached)
			.anyMatch((cached) -> cached != null && cached.usableAt(now));
		return anyUsable ? null : failure;
	}

	String service() {
		return this.service;
	}

	String bindingName() {
		return this.bindingName;
	}

	int size() {
		return this.entries.size();
	}

	private AccessToken fetch(TokenKey key, Entry entry, Supplier<AccessToken> request) {
		CompletableFuture<AccessToken> mine = new CompletableFuture<>();
		CompletableFuture<AccessToken> running = entry.inFlight.compareAndExchange(null, mine);
		if (running != null) {
			return await(key, running);
		}
		try {
			// Another thread may have stored a token between our look-up and taking the flight.
			Cached cached = entry.cached;
			AccessToken token = (cached != null && cached.usableAt(this.clock.instant())) ? cached.token
					: request(key, entry, request);
			mine.complete(token);
			return token;
		}
		catch (RuntimeException ex) {
			if (ex instanceof TokenRequestException failure) {
				this.unavailable = failure;
			}
			mine.completeExceptionally(ex);
			throw ex;
		}
		finally {
			entry.inFlight.set(null);
		}
	}

	private void refreshInBackground(TokenKey key, Entry entry, Supplier<AccessToken> request, Instant now) {
		Instant notBefore = entry.retryNotBefore;
		if (notBefore != null && now.isBefore(notBefore)) {
			return;
		}
		CompletableFuture<AccessToken> mine = new CompletableFuture<>();
		if (!entry.inFlight.compareAndSet(null, mine)) {
			return;
		}
		try {
			this.refresher.execute(() -> {
				try {
					mine.complete(request(key, entry, request));
					entry.retryNotBefore = null;
				}
				catch (RuntimeException ex) {
					// Stale while failing: callers keep the current token; try again after a pause.
					entry.retryNotBefore = this.clock.instant().plus(this.properties.getRetry().getMaxBackoff());
					mine.completeExceptionally(ex);
				}
				finally {
					entry.inFlight.set(null);
				}
			});
		}
		catch (RejectedExecutionException ex) {
			// The application is shutting down; the next caller past the margin fetches inline.
			entry.inFlight.set(null);
			mine.complete(entry.cached.token);
		}
	}

	private AccessToken request(TokenKey key, Entry entry, Supplier<AccessToken> request) {
		long start = System.nanoTime();
		AccessToken token;
		try {
			token = request.get();
		}
		catch (TokenRequestException ex) {
			this.observer.requested(key.grant(), outcome(ex), System.nanoTime() - start);
			if (this.failing.compareAndSet(false, true)) {
				logger.warn(ex.getMessage() + " (logged once until a token request succeeds again)");
			}
			throw ex;
		}
		this.observer.requested(key.grant(), "success", System.nanoTime() - start);
		entry.cached = cached(token);
		this.unavailable = null;
		if (this.failing.compareAndSet(true, false)) {
			logger.info("Token requests for service '" + this.service + "' (binding '" + this.bindingName
					+ "') succeed again");
		}
		return token;
	}

	private static String outcome(TokenRequestException ex) {
		return (ex.getHttpStatus() >= 400 && ex.getHttpStatus() < 500 && !ex.isRetryable()) ? "rejected" : "error";
	}

	private Cached cached(AccessToken token) {
		Instant now = this.clock.instant();
		Duration lifetime = Duration.between(now, token.expiresAt());
		if (lifetime.isNegative()) {
			lifetime = Duration.ZERO;
		}
		// A token that lives shorter than twice the margin is usable for half its lifetime.
		Duration margin = this.properties.getExpiryMargin();
		if (margin.compareTo(lifetime.dividedBy(2)) > 0) {
			margin = lifetime.dividedBy(2);
		}
		Instant usableUntil = token.expiresAt().minus(margin);
		Instant refreshAt = now.plusMillis((long) (lifetime.toMillis() * this.properties.getRefreshAhead()));
		return new Cached(token, usableUntil, refreshAt.isAfter(usableUntil) ? usableUntil : refreshAt);
	}

	private AccessToken await(TokenKey key, CompletableFuture<AccessToken> running) {
		try {
			return running.get();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new TokenRequestException(
					new TokenRequestException.Target(this.service, this.bindingName, this.tokenEndpoint, key.grant()),
					0, null, null, "interrupted while waiting for the request another thread made", false, null, ex);
		}
		catch (ExecutionException ex) {
			if (ex.getCause() instanceof RuntimeException runtime) {
				throw runtime;
			}
			throw new IllegalStateException(ex.getCause());
		}
	}

	/** Over the bound, drop entries without a usable token, then those expiring soonest. */
	private void evictIfFull(TokenKey added) {
		int maxSize = this.properties.getCache().getMaxSize();
		if (this.entries.size() <= maxSize) {
			return;
		}
		synchronized (this.entries) {
			Instant now = this.clock.instant();
			this.entries.entrySet()
				.removeIf((e) -> !e.getKey().equals(added) && e.getValue().inFlight.get() == null
						&& (e.getValue().cached == null || !e.getValue().cached.usableAt(now)));
			int excess = this.entries.size() - maxSize;
			if (excess > 0) {
				this.entries.entrySet()
					.stream()
					.filter((e) -> !e.getKey().equals(added) && e.getValue().cached != null)
					.sorted(Comparator.comparing((Map.Entry<TokenKey, Entry> e) -> e.getValue().cached.usableUntil))
					.limit(excess)
					.map(Map.Entry::getKey)
					.toList()
					.forEach(this.entries::remove);
			}
		}
	}

	/** One key's token and the request in flight for it, if any. */
	private static final class Entry {

		volatile Cached cached;

		volatile Instant retryNotBefore;

		final AtomicReference<CompletableFuture<AccessToken>> inFlight = new AtomicReference<>();

	}

	/**
	 * A token with the instants that matter to the cache.
	 *
	 * @param token the token
	 * @param usableUntil its expiry minus the margin: not handed out from then on
	 * @param refreshAt from then on, a hit triggers a background renewal
	 */
	private record Cached(AccessToken token, Instant usableUntil, Instant refreshAt) {

		boolean usableAt(Instant now) {
			return now.isBefore(this.usableUntil);
		}

	}

}
