package dev.btpboot.observability.reactive;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.btpboot.observability.CorrelationIds;
import dev.btpboot.observability.TelemetryObservationFilter;
import dev.btpboot.security.BtpUser;
import dev.btpboot.security.reactive.ReactiveCurrentUser;
import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.http.server.reactive.observation.ServerRequestObservationContext;
import org.springframework.util.StringUtils;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * The WebFlux counterpart of the servlet tenant filter: right after Spring Security's web filter
 * chain, the authenticated user's tenant id (never its name or token) joins the correlation id in
 * the Reactor context (and so the MDC) and goes on the request's server span.
 */
final class TenantTelemetryWebFilter implements WebFilter, Ordered {

	/** After Spring Security's {@code WebFilterChainProxy} ({@code -100}). */
	static final int ORDER = -99;

	private final boolean tenantTag;

	TenantTelemetryWebFilter(boolean tenantTag) {
		this.tenantTag = tenantTag;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		return ReactiveCurrentUser.get().flatMap((user) -> {
			String tenant = user.map(BtpUser::tenant).filter(StringUtils::hasText).orElse(null);
			if (tenant == null) {
				return chain.filter(exchange);
			}
			ServerRequestObservationContext.findCurrent(exchange.getAttributes())
				.ifPresent((context) -> TelemetryObservationFilter.tagTenant(context, tenant, this.tenantTag, true));
			Map<String, String> mdc = new LinkedHashMap<>();
			Object correlation = exchange.getAttributes().get(CorrelationIds.REACTOR_CONTEXT_KEY);
			if (correlation instanceof Map<?, ?> entries) {
				entries.forEach((key, value) -> mdc.put(key.toString(), value.toString()));
			}
			mdc.put(CorrelationIds.TENANT_MDC_KEY, tenant);
			Map<String, String> entries = Map.copyOf(mdc);
			exchange.getAttributes().put(CorrelationIds.REACTOR_CONTEXT_KEY, entries);
			return chain.filter(exchange)
				.contextWrite((context) -> context.put(CorrelationIds.REACTOR_CONTEXT_KEY, entries));
		});
	}

	@Override
	public int getOrder() {
		return ORDER;
	}

}
