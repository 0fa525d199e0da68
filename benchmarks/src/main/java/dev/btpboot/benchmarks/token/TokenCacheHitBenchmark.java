package dev.btpboot.benchmarks.token;

import java.util.concurrent.TimeUnit;

import com.sap.cloud.security.xsuaa.client.OAuth2TokenResponse;
import com.sap.cloud.security.xsuaa.tokenflows.TokenFlowException;
import dev.btpboot.token.AccessToken;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Cache-hit latency: our {@code TokenProvider.clientCredentials()} against token-client's
 * {@code XsuaaTokenFlows.clientCredentialsTokenFlow().execute()}, both served from their caches,
 * same WireMock endpoint, same run.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class TokenCacheHitBenchmark {

	private TokenEndpointFixture fixture;

	@Setup
	public void setUp() throws TokenFlowException {
		this.fixture = new TokenEndpointFixture(43200, 0);
		this.fixture.ours.clientCredentials();
		this.fixture.tokenClient.clientCredentialsTokenFlow().execute();
		this.fixture.takeRequestCount();
	}

	@TearDown
	public void tearDown() {
		int requests = this.fixture.takeRequestCount();
		this.fixture.close();
		if (requests != 0) {
			throw new IllegalStateException(requests + " token requests during a cache-hit benchmark");
		}
	}

	@Benchmark
	public AccessToken btpTokenProvider() {
		return this.fixture.ours.clientCredentials();
	}

	@Benchmark
	public OAuth2TokenResponse tokenClientXsuaaTokenFlows() throws TokenFlowException {
		return this.fixture.tokenClient.clientCredentialsTokenFlow().execute();
	}

}
