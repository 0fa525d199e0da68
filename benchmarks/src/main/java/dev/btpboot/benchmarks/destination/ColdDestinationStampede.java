package dev.btpboot.benchmarks.destination;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * 200 threads ask for the same destination on a cold cache (a name not looked up before, each
 * round): how many requests reach the Destination service, which answers after 100 ms. Prints the
 * counts.
 */
public final class ColdDestinationStampede {

	private static final int THREADS = 200;

	private ColdDestinationStampede() {
	}

	public static void main(String[] args) throws Exception {
		int rounds = (args.length > 0) ? Integer.parseInt(args[0]) : 5;
		try (DestinationServiceFixture fixture = new DestinationServiceFixture(100)) {
			fixture.destinations.find("warm-up");
			fixture.takeLookupCount();
			System.out.printf("Requests to the Destination service when %d threads find a destination on a cold cache%n",
					THREADS);
			for (int round = 1; round <= rounds; round++) {
				String name = "erp-" + round;
				ExecutorService pool = Executors.newFixedThreadPool(THREADS);
				try {
					CountDownLatch start = new CountDownLatch(1);
					List<Future<?>> results = new ArrayList<>();
					for (int i = 0; i < THREADS; i++) {
						results.add(pool.submit(() -> {
							start.await();
							return fixture.destinations.require(name);
						}));
					}
					start.countDown();
					for (Future<?> result : results) {
						result.get();
					}
				}
				finally {
					pool.shutdownNow();
				}
				System.out.printf("round %d: %d request(s)%n", round, fixture.takeLookupCount());
			}
		}
	}

}
