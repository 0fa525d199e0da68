package dev.btpboot.security.reactive;

import java.util.List;
import java.util.function.Supplier;

import dev.btpboot.security.HealthProbes;
import reactor.core.publisher.Mono;

import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.security.autoconfigure.actuate.web.reactive.EndpointRequest;
import org.springframework.boot.security.web.reactive.ApplicationContextServerWebExchangeMatcher;
import org.springframework.context.ApplicationContext;
import org.springframework.security.web.server.util.matcher.AndServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.OrServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.PathPatternParserServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher.MatchResult;
import org.springframework.web.server.ServerWebExchange;

/**
 * The liveness and readiness probes Spring Boot registers ({@link HealthProbes}) as a reactive
 * exchange matcher, each path scoped by Boot's reactive {@link EndpointRequest}. Resolved from the
 * application context at the first request, as Boot's own matchers are.
 */
final class ReactiveHealthProbeMatcher extends ApplicationContextServerWebExchangeMatcher<ApplicationContext> {

	private volatile ServerWebExchangeMatcher delegate;

	ReactiveHealthProbeMatcher() {
		super(ApplicationContext.class);
	}

	@Override
	protected void initialized(Supplier<ApplicationContext> context) {
		this.delegate = probes(context.get());
	}

	@Override
	protected Mono<MatchResult> matches(ServerWebExchange exchange, Supplier<ApplicationContext> context) {
		return this.delegate.matches(exchange);
	}

	private static ServerWebExchangeMatcher probes(ApplicationContext context) {
		List<ServerWebExchangeMatcher> probes = HealthProbes.registered(context)
			.stream()
			.<ServerWebExchangeMatcher>map((probe) -> new AndServerWebExchangeMatcher(
					probe.isAdditionalPath()
							? EndpointRequest.toAdditionalPaths(probe.additionalPathNamespace(), HealthEndpoint.class)
							: EndpointRequest.to(HealthEndpoint.class),
					new PathPatternParserServerWebExchangeMatcher(probe.path())))
			.toList();
		return probes.isEmpty() ? (exchange) -> MatchResult.notMatch() : new OrServerWebExchangeMatcher(probes);
	}

}
