package dev.btpboot.benchmarks.destination;

import java.util.Optional;
import java.util.concurrent.TimeUnit;

import dev.btpboot.destination.Destination;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Cache-hit latency of {@code DestinationService.find(name)} without a signed-in user (provider
 * tenant), the destination looked up once before measuring. Target: 100 ns/op or less.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class DestinationCacheHitBenchmark {

	private DestinationServiceFixture fixture;

	@Setup
	public void setUp() {
		this.fixture = new DestinationServiceFixture(0);
		this.fixture.destinations.require("erp");
		this.fixture.takeLookupCount();
	}

	@TearDown
	public void tearDown() {
		int lookups = this.fixture.takeLookupCount();
		this.fixture.close();
		if (lookups != 0) {
			throw new IllegalStateException(lookups + " look-ups during a cache-hit benchmark");
		}
	}

	@Benchmark
	public Optional<Destination> cachedFind() {
		return this.fixture.destinations.find("erp");
	}

}
