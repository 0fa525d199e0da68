package dev.btpboot.token;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import dev.btpboot.binding.ServiceBinding;
import dev.btpboot.binding.XsuaaCredentials;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;

/**
 * Insert a new key into a full token cache of 10,000 ({@code btp.token.cache.max-size}'s
 * default): the cost of the miss path without the HTTP request (the request returns a ready
 * token), eviction included. In package {@code dev.btpboot.token} of this module to reach the
 * package-private cache; nothing else of the starter is involved.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class TokenCacheInsertBenchmark {

	private static final int FULL = 10_000;

	private final AtomicLong next = new AtomicLong();

	private TokenCache cache;

	private Instant base;

	@Setup
	public void fill() {
		TokenProperties properties = new TokenProperties();
		properties.getCache().setMaxSize(FULL);
		XsuaaCredentials credentials = XsuaaCredentials.from(new ServiceBinding("bench", "xsuaa", "application",
				List.of(), Map.of("clientid", "sb-bench", "clientsecret", "bench-secret", "url", "http://127.0.0.1",
						"uaadomain", "localhost", "xsappname", "bench"),
				"benchmark"));
		this.cache = new TokenCache(credentials, properties, Clock.systemUTC(), Runnable::run, TokenObserver.NONE);
		this.base = Instant.now().plusSeconds(43200);
		while (this.cache.size() < FULL) {
			insert();
		}
	}

	@Benchmark
	public AccessToken insertIntoAFullCache() {
		return insert();
	}

	@Benchmark
	@Threads(4)
	public AccessToken insertIntoAFullCacheFourThreads() {
		return insert();
	}

	private AccessToken insert() {
		long n = this.next.incrementAndGet();
		// Lifetimes spread over an hour, so eviction has an order to follow.
		AccessToken token = new AccessToken("token", this.base.plusSeconds(n % 3600));
		return this.cache.get(TokenKey.clientCredentials("xsuaa", "tenant-" + n, null), () -> token);
	}

}
