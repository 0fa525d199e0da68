package dev.btpboot.security.servlet;

import java.util.List;
import java.util.function.Supplier;

import jakarta.servlet.http.HttpServletRequest;

import dev.btpboot.security.HealthProbes;

import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.security.autoconfigure.actuate.web.servlet.EndpointRequest;
import org.springframework.boot.security.autoconfigure.actuate.web.servlet.RequestMatcherProvider;
import org.springframework.boot.security.web.servlet.ApplicationContextRequestMatcher;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.AndRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.context.WebApplicationContext;

/**
 * The liveness and readiness probes Spring Boot registers ({@link HealthProbes}) as a servlet
 * request matcher. Resolved from the application context at the first request, as Boot's own
 * matchers are.
 */
final class HealthProbeRequestMatcher extends ApplicationContextRequestMatcher<WebApplicationContext> {

	private volatile RequestMatcher delegate;

	HealthProbeRequestMatcher() {
		super(WebApplicationContext.class);
	}

	@Override
	protected void initialized(Supplier<WebApplicationContext> context) {
		this.delegate = probes(context.get());
	}

	@Override
	protected boolean matches(HttpServletRequest request, Supplier<WebApplicationContext> context) {
		return this.delegate.matches(request);
	}

	private static RequestMatcher probes(WebApplicationContext context) {
		RequestMatcherProvider paths = context.getBeanProvider(RequestMatcherProvider.class)
			.getIfAvailable(() -> (pattern, method) -> PathPatternRequestMatcher.withDefaults().matcher(method, pattern));
		List<RequestMatcher> probes = HealthProbes.registered(context)
			.stream()
			.<RequestMatcher>map((probe) -> new AndRequestMatcher(
					probe.isAdditionalPath()
							? EndpointRequest.toAdditionalPaths(probe.additionalPathNamespace(), HealthEndpoint.class)
							: EndpointRequest.to(HealthEndpoint.class),
					paths.getRequestMatcher(probe.path(), null)))
			.toList();
		return probes.isEmpty() ? (request) -> false : new OrRequestMatcher(probes);
	}

}
