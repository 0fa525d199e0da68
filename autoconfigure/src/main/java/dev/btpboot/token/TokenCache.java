package dev.btpboot.token;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import dev.btpboot.binding.OAuthClientCredentials;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * The tokens of one binding, whatever the grant: one request per key however many threads ask
 * (single flight), renewal in the background once {@code refresh-ahead} of a token's lifetime has
 * passed, the current token served while renewal fails, and never a token within
 * {@code expiry-margin} of its expiry. Bounded by {@code cache.max-size}: the insert that crosses
 * the bound evicts a batch down to a low-water mark, so eviction costs amortised O(1) per insert
 * and a cache hit takes no lock.
 * <p>
 * Only client-credentials requests decide whether the binding is {@link #unavailable()}: a user's
 * rejected jwt-bearer exchange is that user's problem, counted in the metrics, not the binding's.
 * Whether a client-credentials token is still usable is remembered apart from the entries, so that
 * evicting tokens to hold the size bound never makes the binding look unavailable.
 */
final class TokenCache {

	private static final Log logger = LogFactory.getLog(TokenCache.class);

	private final OAuthClientCredentials credentials;

	private final TokenProperties properties;

	private final Clock clock;

	private final Executor refresher;

	private final TokenObserver observer;

	/** Only tokens that were issued: a failed request leaves no entry behind. */
	private final Map<TokenKey, Entry> entries = new ConcurrentHashMap<>();

	/** The request running for a key; apart from {@link #entries} so that eviction cannot break single flight. */
	private final Map<TokenKey, CompletableFuture<AccessToken>> inFlight = new ConcurrentHashMap<>();

	private final Object eviction = new Object();

	/** Whether the token endpoint is failing; the first failure of an outage is logged, no later one. */
	private final AtomicBoolean failing = new AtomicBoolean();

	/** The last client-credentials failure that left a caller without a token; {@code null} after a success. */
	private volatile TokenRequestException unavailable;

	/** Until when the latest-lived client-credentials token issued is usable, cached or evicted since. */
	private final AtomicReference<Instant> clientCredentialsUsableUntil = new AtomicReference<>(Instant.MIN);

	/**
	 * @param credentials the binding's client, to name it in messages
	 * @param properties expiry margin, refresh-ahead, size bound, retry pause
	 * @param clock the clock of expiry decisions
	 * @param refresher runs background renewals
	 * @param observer metrics
	 */
	TokenCache(OAuthClientCredentials credentials, TokenProperties properties, Clock clock, Executor refresher,
			TokenObserver observer) {
		this.credentials = credentials;
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
			Instant now = this.clock.instant();
			if (entry.usableAt(now)) {
				this.observer.cacheHit();
				if (!now.isBefore(entry.refreshAt)) {
					refreshInBackground(key, entry, request, now);
				}
				return entry.token;
			}
		}
		this.observer.cacheMiss();
		return fetch(key, request);
	}

	/**
	 * @return the last client-credentials failure when no client-credentials token this binding was
	 * issued is usable any more (the binding cannot obtain a token of its own), else {@code null}
	 */
	TokenRequestException unavailable() {
		TokenRequestException failure = this.unavailable;
		if (failure == null) {
			return null;
		}
		return this.clock.instant().isBefore(this.clientCredentialsUsableUntil.get()) ? null : failure;
	}

	String service() {
		return this.credentials.service();
	}

	String bindingName() {
		return this.credentials.bindingName();
	}

	int size() {
		return this.entries.size();
	}

	/**
	 * Forgets the tokens of a tenant: those asked for by its id, and those the endpoint issued in
	 * its zone (the {@code zid} or {@code app_tid} of the token, such as those exchanged for its
	 * users). A request in flight still completes for its callers.
	 * @param tenantId the tenant's id
	 * @return how many tokens were forgotten
	 */
	int evictTenant(String tenantId) {
		String keyTenant = TokenKey.tenantKey(tenantId);
		int before = this.entries.size();
		this.entries.entrySet()
			.removeIf((entry) -> keyTenant.equals(entry.getKey().tenant()) || tenantId.equals(entry.getValue().tenant));
		return before - this.entries.size();
	}

	private static boolean decidesHealth(TokenKey key) {
		return key.grant() == TokenGrant.CLIENT_CREDENTIALS;
	}

	private AccessToken fetch(TokenKey key, Supplier<AccessToken> request) {
		CompletableFuture<AccessToken> mine = new CompletableFuture<>();
		CompletableFuture<AccessToken> running = this.inFlight.putIfAbsent(key, mine);
		if (running != null) {
			return await(key, running);
		}
		try {
			// Another thread may have stored a token between our look-up and taking the flight.
			Entry entry = this.entries.get(key);
			AccessToken token = (entry != null && entry.usableAt(this.clock.instant())) ? entry.token
					: request(key, request);
			mine.complete(token);
			return token;
		}
		catch (RuntimeException ex) {
			if (ex instanceof TokenRequestException failure && decidesHealth(key)) {
				this.unavailable = failure;
			}
			mine.completeExceptionally(ex);
			throw ex;
		}
		finally {
			this.inFlight.remove(key, mine);
		}
	}

	private void refreshInBackground(TokenKey key, Entry entry, Supplier<AccessToken> request, Instant now) {
		Instant notBefore = entry.retryNotBefore;
		if (notBefore != null && now.isBefore(notBefore)) {
			return;
		}
		CompletableFuture<AccessToken> mine = new CompletableFuture<>();
		if (this.inFlight.putIfAbsent(key, mine) != null) {
			return;
		}
		try {
			this.refresher.execute(() -> {
				try {
					mine.complete(request(key, request));
				}
				catch (RuntimeException ex) {
					// Stale while failing: callers keep the current token; try again after a pause.
					entry.retryNotBefore = this.clock.instant().plus(this.properties.getRetry().getMaxBackoff());
					mine.completeExceptionally(ex);
				}
				finally {
					this.inFlight.remove(key, mine);
				}
			});
		}
		catch (RejectedExecutionException ex) {
			// The application is shutting down; the next caller past the margin fetches inline.
			this.inFlight.remove(key, mine);
			mine.complete(entry.token);
		}
	}

	private AccessToken request(TokenKey key, Supplier<AccessToken> request) {
		long start = System.nanoTime();
		AccessToken token;
		Instant now;
		try {
			token = request.get();
			now = this.clock.instant();
			if (!token.expiresAt().isAfter(now)) {
				throw target(key).failure("the token endpoint issued a token that expired at " + token.expiresAt()
						+ ", before it arrived (is a clock wrong?)", null);
			}
		}
		catch (TokenRequestException ex) {
			failed(key, ex, System.nanoTime() - start);
			throw ex;
		}
		this.observer.requested(key.grant(), "success", System.nanoTime() - start);
		Entry entry = entry(token, now);
		this.entries.put(key, entry);
		evictIfFull();
		if (decidesHealth(key)) {
			this.clientCredentialsUsableUntil.accumulateAndGet(entry.usableUntil,
					(current, issued) -> issued.isAfter(current) ? issued : current);
			this.unavailable = null;
		}
		if (this.failing.compareAndSet(true, false)) {
			logger.info("Token requests for service '" + service() + "' (binding '" + bindingName()
					+ "') succeed again");
		}
		return token;
	}

	private void failed(TokenKey key, TokenRequestException ex, long nanos) {
		String outcome = outcome(ex);
		this.observer.requested(key.grant(), outcome, nanos);
		if (!decidesHealth(key) && "rejected".equals(outcome)) {
			// One user's rejected assertion says nothing about the token endpoint: no outage to report.
			logger.debug(ex.getMessage());
		}
		else if (this.failing.compareAndSet(false, true)) {
			logger.warn(ex.getMessage() + " (logged once until a token request succeeds again)");
		}
	}

	private static String outcome(TokenRequestException ex) {
		return (ex.getHttpStatus() >= 400 && ex.getHttpStatus() < 500 && !ex.isRetryable()) ? "rejected" : "error";
	}

	private TokenRequestException.Target target(TokenKey key) {
		return TokenRequestException.Target.of(this.credentials, this.credentials.tokenEndpoint(), key.grant());
	}

	private Entry entry(AccessToken token, Instant now) {
		Duration lifetime = Duration.between(now, token.expiresAt());
		// A token that lives shorter than twice the margin is usable for half its lifetime.
		Duration margin = this.properties.getExpiryMargin();
		if (margin.compareTo(lifetime.dividedBy(2)) > 0) {
			margin = lifetime.dividedBy(2);
		}
		Instant usableUntil = token.expiresAt().minus(margin);
		// In seconds and nanoseconds apart: a lifetime of centuries must not overflow a long of nanoseconds.
		double ahead = this.properties.getRefreshAhead();
		Instant refreshAt = now.plusSeconds((long) (lifetime.getSeconds() * ahead))
			.plusNanos((long) (lifetime.getNano() * ahead));
		return new Entry(token, usableUntil, refreshAt.isAfter(usableUntil) ? usableUntil : refreshAt,
				UnverifiedClaims.tenantOf(token.value()));
	}

	private AccessToken await(TokenKey key, CompletableFuture<AccessToken> running) {
		try {
			return running.get();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw target(key).failure("interrupted while waiting for the request another thread made", ex);
		}
		catch (ExecutionException ex) {
			if (ex.getCause() instanceof RuntimeException runtime) {
				throw runtime;
			}
			throw new IllegalStateException(ex.getCause());
		}
	}

	/**
	 * Over the bound, evicts down to the low-water mark (a tenth below the bound): first the tokens
	 * no longer usable, then those usable for the shortest time. One pass to drop, one to collect
	 * the expiry instants, a selection of the cut-off (linear) and one pass to remove: O(n) once
	 * per n/10 inserts.
	 */
	private void evictIfFull() {
		int maxSize = this.properties.getCache().getMaxSize();
		if (this.entries.size() <= maxSize) {
			return;
		}
		synchronized (this.eviction) {
			if (this.entries.size() <= maxSize) {
				return;
			}
			int lowWater = maxSize - Math.max(1, maxSize / 10);
			Instant now = this.clock.instant();
			this.entries.values().removeIf((entry) -> !entry.usableAt(now));
			long[] until = new long[this.entries.size() + 16];
			int count = 0;
			for (Entry entry : this.entries.values()) {
				if (count == until.length) {
					until = Arrays.copyOf(until, count * 2);
				}
				until[count++] = entry.evictionOrder;
			}
			int excess = count - lowWater;
			if (excess <= 0) {
				return;
			}
			long cutOff = select(until, count, excess - 1);
			int[] removed = { 0 };
			// Strictly before the cut-off first, then as many at the cut-off as are still to go.
			this.entries.values().removeIf((entry) -> entry.evictionOrder < cutOff && removed[0]++ < excess);
			this.entries.values().removeIf((entry) -> entry.evictionOrder == cutOff && removed[0]++ < excess);
		}
	}

	/** @return the {@code k}-th smallest of the first {@code n} values (0-based), in expected linear time */
	private static long select(long[] values, int n, int k) {
		int low = 0;
		int high = n - 1;
		ThreadLocalRandom random = ThreadLocalRandom.current();
		while (low < high) {
			long pivot = values[low + random.nextInt(high - low + 1)];
			int i = low;
			int j = high;
			while (i <= j) {
				while (values[i] < pivot) {
					i++;
				}
				while (values[j] > pivot) {
					j--;
				}
				if (i <= j) {
					long swap = values[i];
					values[i++] = values[j];
					values[j--] = swap;
				}
			}
			if (k <= j) {
				high = j;
			}
			else if (k >= i) {
				low = i;
			}
			else {
				return values[k];
			}
		}
		return values[k];
	}

	/** One key's token with the instants that matter to the cache. */
	private static final class Entry {

		final AccessToken token;

		/** Its expiry minus the margin: not handed out from then on. */
		final Instant usableUntil;

		/** From then on, a hit triggers a background renewal. */
		final Instant refreshAt;

		/** {@link #usableUntil} in epoch seconds: what eviction compares. */
		final long evictionOrder;

		/** The zone the token was issued in ({@code zid}, {@code app_tid}), or {@code null}: what a tenant's eviction matches. */
		final String tenant;

		/** After a failed renewal, no new attempt before this instant. */
		volatile Instant retryNotBefore;

		Entry(AccessToken token, Instant usableUntil, Instant refreshAt, String tenant) {
			this.token = token;
			this.usableUntil = usableUntil;
			this.refreshAt = refreshAt;
			this.evictionOrder = usableUntil.getEpochSecond();
			this.tenant = tenant;
		}

		boolean usableAt(Instant now) {
			return now.isBefore(this.usableUntil);
		}

	}

}
