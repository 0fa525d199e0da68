package dev.btpboot.benchmarks.security;

import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import dev.btpboot.test.identity.LocalIdentityServer;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.HttpHandler;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.http.server.reactive.MockServerHttpResponse;

/**
 * The WebFlux application of {@link ReactiveSecurityLoadTarget} without Reactor Netty and the load
 * generator: {@code GET /ping} with an XSUAA token through the application's {@link HttpHandler}
 * (web filters, security chain, controller), unsecured, behind Spring Security's default chain with
 * {@code permitAll()}, with the starter's reactive JWT chain, and with Spring Boot's plain reactive
 * resource server ({@code jwk-set-uri}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgs = "-Xmx512m")
public class ReactiveSecurityChainBenchmark {

	@Param({ "flux-unsecured", "flux-permitall", "flux-btp", "flux-spring" })
	public String variant;

	private LocalIdentityServer identity;

	private ConfigurableApplicationContext context;

	private HttpHandler handler;

	private String authorization;

	@Setup(Level.Trial)
	public void start() {
		this.identity = LocalIdentityServer.start("bench!t1");
		this.authorization = "Bearer " + SecurityLoadTarget.token(this.identity);
		this.context = switch (this.variant) {
			case "flux-unsecured" -> ReactiveSecurityLoadTarget.start(ReactiveSecurityLoadTarget.UNSECURED);
			case "flux-btp" -> ReactiveSecurityLoadTarget.start("VCAP_SERVICES=" + this.identity.vcapServices(true, false));
			case "flux-permitall" -> ReactiveSecurityLoadTarget.start(ReactiveSecurityLoadTarget.PERMIT_ALL);
			case "flux-spring" -> ReactiveSecurityLoadTarget.start(ReactiveSecurityLoadTarget.plainResourceServer(this.identity));
			default -> throw new IllegalArgumentException("Unknown variant " + this.variant);
		};
		this.handler = this.context.getBean(HttpHandler.class);
	}

	@TearDown(Level.Trial)
	public void stop() {
		this.context.close();
		this.identity.stop();
	}

	@Benchmark
	public Object request() {
		MockServerHttpRequest request = MockServerHttpRequest.get("/ping").header("Authorization", this.authorization).build();
		MockServerHttpResponse response = new MockServerHttpResponse();
		this.handler.handle(request, response).block();
		// No status set means 200 to the server.
		if (response.getStatusCode() != null && response.getStatusCode() != HttpStatus.OK) {
			throw new IllegalStateException(this.variant + " answered " + response.getStatusCode());
		}
		return response;
	}

}
