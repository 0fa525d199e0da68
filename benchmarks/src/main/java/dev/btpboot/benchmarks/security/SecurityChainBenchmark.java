package dev.btpboot.benchmarks.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletResponse;
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
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/**
 * The cost of the security filter chain alone, without HTTP parsing, the servlet container or
 * the load generator: {@code GET /ping} with the XSUAA token of {@link SecurityLoadTarget} through
 * the {@code springSecurityFilterChain} of the same applications, ending in a chain that writes
 * {@code pong}. {@code none} is that ending alone (the request and response objects included).
 * Complements {@code benchmarks/security/run.sh}, whose figures also carry Tomcat and wrk.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(java.util.concurrent.TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgs = "-Xmx512m")
public class SecurityChainBenchmark {

	private static final byte[] PONG = "pong".getBytes(StandardCharsets.UTF_8);

	private static final FilterChain PING = SecurityChainBenchmark::ping;

	@Param({ "none", "emptychain", "permitall", "btp" })
	public String variant;

	private LocalIdentityServer identity;

	private ConfigurableApplicationContext context;

	private Filter chain;

	private String authorization;

	@Setup(Level.Trial)
	public void start() {
		this.identity = LocalIdentityServer.start("bench!t1");
		this.authorization = "Bearer " + SecurityLoadTarget.token(this.identity);
		this.context = switch (this.variant) {
			case "none" -> null;
			case "emptychain" -> SecurityLoadTarget.start("btp.security.enabled=false", "bench.chain=empty");
			case "permitall" -> SecurityLoadTarget.start("btp.security.enabled=false", "bench.chain=permit-all");
			case "btp" -> SecurityLoadTarget.start("VCAP_SERVICES=" + this.identity.vcapServices(true, false));
			default -> throw new IllegalArgumentException("Unknown variant " + this.variant);
		};
		this.chain = (this.context != null) ? this.context.getBean("springSecurityFilterChain", Filter.class) : null;
	}

	@TearDown(Level.Trial)
	public void stop() {
		if (this.context != null) {
			this.context.close();
		}
		this.identity.stop();
	}

	@Benchmark
	public int request() throws IOException, ServletException {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/ping");
		request.setRemoteAddr("127.0.0.1");
		request.addHeader("Authorization", this.authorization);
		MockHttpServletResponse response = new MockHttpServletResponse();
		if (this.chain != null) {
			this.chain.doFilter(request, response, PING);
		}
		else {
			PING.doFilter(request, response);
		}
		if (response.getStatus() != 200) {
			throw new IllegalStateException(this.variant + " answered " + response.getStatus());
		}
		return response.getContentAsByteArray().length;
	}

	private static void ping(ServletRequest request, ServletResponse response) throws IOException {
		HttpServletResponse http = (HttpServletResponse) response;
		http.setContentType("text/plain;charset=UTF-8");
		http.getOutputStream().write(PONG);
		http.flushBuffer();
	}

}
