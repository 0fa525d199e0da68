package dev.btpboot.token;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

import java.util.SplittableRandom;
import java.util.stream.LongStream;

import dev.btpboot.binding.OAuthClientCredentials;
import dev.btpboot.testing.MutableClock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 9 §6: for any interleaving of gets (four threads at once, client-credentials and
 * jwt-bearer keys), clock moves past refresh-ahead and expiry, endpoint outages and tokens that
 * arrive expired, the token cache makes at most one request per key at a time, never hands out an
 * expired token, fails a caller only when the endpoint failed, and holds its size bound. Each
 * scenario is drawn from a seeded random source, so a failing seed replays exactly.
 */
class TokenCachePropertyTests {

	private static final int THREADS = 4;

	private static final int KEYS = 10;

	private static final OAuthClientCredentials CREDENTIALS = TokenTestSupport.xsuaa("prop", "http://127.0.0.1");

	private static final ExecutorService callers = Executors.newFixedThreadPool(THREADS);

	private static final ExecutorService renewals = Executors.newFixedThreadPool(2);

	@AfterAll
	static void shutDown() {
		callers.shutdownNow();
		renewals.shutdownNow();
	}

	static LongStream seeds() {
		return LongStream.range(0, 150);
	}

	@ParameterizedTest(name = "seed {0}")
	@MethodSource("seeds")
	void anyInterleavingOfGetsExpiriesAndFailuresKeepsTheCacheHonest(long seed) throws Exception {
		SplittableRandom random = new SplittableRandom(seed);
		int maxSize = random.nextInt(1, 7);
		List<Round> rounds = rounds(random);
		MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
		TokenProperties properties = new TokenProperties();
		properties.getCache().setMaxSize(maxSize);
		List<CompletableFuture<Void>> pendingRenewals = new CopyOnWriteArrayList<>();
		TokenCache cache = new TokenCache(CREDENTIALS, properties, clock, (task) -> pendingRenewals.add(CompletableFuture.runAsync(task, renewals)), TokenObserver.NONE);
		Endpoint endpoint = new Endpoint(clock);
		for (Round round : rounds) {
			clock.advance(Duration.ofSeconds(round.advanceSeconds()));
			endpoint.down = round.endpointDown();
			endpoint.lifetimeSeconds = round.lifetimeSeconds();
			Instant now = clock.instant();
			List<String> problems = burst(cache, endpoint, round.keysPerThread(), now);
			for (CompletableFuture<Void> renewal : pendingRenewals) {
				renewal.join();
			}
			pendingRenewals.clear();
			assertThat(problems).isEmpty();
			assertThat(endpoint.violations).isEmpty();
			assertThat(cache.size()).isLessThanOrEqualTo(maxSize);
		}
	}

	/** Runs each thread's gets at once; returns what went wrong. The clock stands still meanwhile. */
	private static List<String> burst(TokenCache cache, Endpoint endpoint, List<List<Integer>> keysPerThread,
			Instant now) throws Exception {
		List<String> problems = new CopyOnWriteArrayList<>();
		CountDownLatch start = new CountDownLatch(1);
		List<CompletableFuture<Void>> threads = new ArrayList<>();
		AtomicBoolean clientCredentialsServed = new AtomicBoolean();
		for (List<Integer> keys : keysPerThread) {
			threads.add(CompletableFuture.runAsync(() -> {
				awaitQuietly(start);
				for (int key : keys) {
					TokenKey tokenKey = key(key);
					try {
						AccessToken token = cache.get(tokenKey, () -> endpoint.issue(tokenKey));
						if (!token.expiresAt().isAfter(now)) {
							problems.add("handed out " + token + " at " + now);
						}
						if (tokenKey.grant() == TokenGrant.CLIENT_CREDENTIALS) {
							clientCredentialsServed.set(true);
						}
					}
					catch (TokenRequestException ex) {
						if (!endpoint.down && endpoint.lifetimeSeconds > 0) {
							problems.add("failed while the endpoint works: " + ex.getMessage());
						}
					}
					catch (RuntimeException ex) {
						problems.add("unexpected " + ex);
					}
				}
			}, callers));
		}
		start.countDown();
		CompletableFuture.allOf(threads.toArray(new CompletableFuture<?>[0])).get(30, TimeUnit.SECONDS);
		if (clientCredentialsServed.get() && cache.unavailable() != null) {
			problems.add("unavailable although a client-credentials token was served");
		}
		return problems;
	}

	private static TokenKey key(int index) {
		// Even keys are tenants' client-credentials tokens, odd ones users' jwt-bearer tokens.
		return (index % 2 == 0) ? TokenKey.clientCredentials("xsuaa", "tenant-" + index, null)
				: TokenKey.jwtBearer("xsuaa", "user-" + index, null);
	}

	private static void awaitQuietly(CountDownLatch latch) {
		try {
			latch.await();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/** One to eight steps: the clock stands still in 3 of 10, the endpoint is down in 1 of 4, tokens arrive expired in 1 of 10. */
	private static List<Round> rounds(SplittableRandom random) {
		List<Round> rounds = new ArrayList<>();
		int count = random.nextInt(1, 9);
		for (int i = 0; i < count; i++) {
			int advance = (random.nextInt(10) < 3) ? 0 : random.nextInt(1, 401);
			boolean down = random.nextInt(4) == 0;
			int lifetime = (random.nextInt(10) == 0) ? 0 : random.nextInt(1, 601);
			List<List<Integer>> keys = new ArrayList<>();
			for (int thread = 0; thread < THREADS; thread++) {
				List<Integer> threadKeys = new ArrayList<>();
				int gets = random.nextInt(0, 9);
				for (int get = 0; get < gets; get++) {
					threadKeys.add(random.nextInt(KEYS));
				}
				keys.add(threadKeys);
			}
			rounds.add(new Round(advance, down, lifetime, keys));
		}
		return rounds;
	}

	/**
	 * One step of the scenario.
	 *
	 * @param advanceSeconds how far the clock moves first
	 * @param endpointDown whether the token endpoint fails during this step
	 * @param lifetimeSeconds lifetime of the tokens it issues ({@code 0}: they arrive expired)
	 * @param keysPerThread the keys each thread asks for, in order
	 */
	record Round(int advanceSeconds, boolean endpointDown, int lifetimeSeconds, List<List<Integer>> keysPerThread) {
	}

	/** A token endpoint that notices when two requests for one key overlap. */
	private static final class Endpoint {

		private final MutableClock clock;

		private final Map<TokenKey, AtomicInteger> running = new ConcurrentHashMap<>();

		private final AtomicInteger issued = new AtomicInteger();

		final List<String> violations = new CopyOnWriteArrayList<>();

		volatile boolean down;

		volatile int lifetimeSeconds;

		Endpoint(MutableClock clock) {
			this.clock = clock;
		}

		AccessToken issue(TokenKey key) {
			AtomicInteger count = this.running.computeIfAbsent(key, (k) -> new AtomicInteger());
			if (count.incrementAndGet() > 1) {
				this.violations.add("two requests in flight for " + key);
			}
			try {
				// Long enough for the other threads to pile up on the same key.
				LockSupport.parkNanos(ThreadLocalRandom.current().nextLong(50_000, 300_000));
				if (this.down) {
					throw new TokenRequestException(
							TokenRequestException.Target.of(CREDENTIALS, CREDENTIALS.tokenEndpoint(), key.grant()), 503,
							null, null, "down", true, null, null);
				}
				return new AccessToken("token-" + this.issued.incrementAndGet(),
						this.clock.instant().plusSeconds(this.lifetimeSeconds));
			}
			finally {
				count.decrementAndGet();
			}
		}

	}

}
