package dev.btpboot.benchmarks.token;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * 200 threads ask for the same client-credentials token the moment the cached one has expired:
 * how many requests reach the token endpoint, ours against token-client's. Prints the counts.
 * <p>
 * The endpoint issues tokens for 2 s and answers after 100 ms; both caches are primed, then the
 * token is left to expire (token-client already treats it as expired, its default expiration
 * delta being 30 s).
 */
public final class ExpiredTokenStampede {

	private static final int THREADS = 200;

	private ExpiredTokenStampede() {
	}

	public static void main(String[] args) throws Exception {
		int rounds = (args.length > 0) ? Integer.parseInt(args[0]) : 5;
		try (TokenEndpointFixture fixture = new TokenEndpointFixture(2, 100)) {
			System.out.printf("Requests to the token endpoint when %d threads hit an expired token%n", THREADS);
			for (int round = 1; round <= rounds; round++) {
				int ours = stampede(fixture, fixture.ours::clientCredentials);
				int tokenClient = stampede(fixture,
						() -> fixture.tokenClient.clientCredentialsTokenFlow().execute());
				System.out.printf("round %d: btp TokenProvider %d, token-client XsuaaTokenFlows %d%n", round, ours,
						tokenClient);
			}
		}
	}

	private static int stampede(TokenEndpointFixture fixture, Callable<?> call) throws Exception {
		call.call();
		Thread.sleep(2200);
		fixture.takeRequestCount();
		ExecutorService pool = Executors.newFixedThreadPool(THREADS);
		try {
			CountDownLatch start = new CountDownLatch(1);
			List<Future<?>> results = new ArrayList<>();
			for (int i = 0; i < THREADS; i++) {
				results.add(pool.submit(() -> {
					start.await();
					return call.call();
				}));
			}
			start.countDown();
			for (Future<?> result : results) {
				result.get();
			}
			return fixture.takeRequestCount();
		}
		finally {
			pool.shutdownNow();
		}
	}

}
