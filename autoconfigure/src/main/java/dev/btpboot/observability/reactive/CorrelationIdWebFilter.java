package dev.btpboot.observability.reactive;

import java.util.Map;

import dev.btpboot.observability.CorrelationIds;
import dev.btpboot.observability.TelemetryObservationFilter;
import io.micrometer.common.KeyValue;
import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.http.server.reactive.observation.ServerRequestObservationContext;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * The WebFlux counterpart of the servlet correlation filter: the request's correlation id goes
 * into the response, the request's server span and the Reactor context, from where the
 * starter's WebClient filter forwards it and, with automatic context propagation, the MDC of
 * every log line of the request shows it.
 */
final class CorrelationIdWebFilter implements WebFilter, Ordered {

	/** Right after the observation of the request is started. */
	static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 2;

	private final boolean tenantTag;

	CorrelationIdWebFilter(boolean tenantTag) {
		this.tenantTag = tenantTag;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		String id = CorrelationIds.of(exchange.getRequest().getHeaders().getFirst(CorrelationIds.HEADER),
				exchange.getRequest().getHeaders().getFirst(CorrelationIds.VCAP_REQUEST_ID));
		exchange.getResponse().getHeaders().set(CorrelationIds.HEADER, id);
		exchange.getAttributes().put(CorrelationIds.REACTOR_CONTEXT_KEY, Map.of(CorrelationIds.MDC_KEY, id));
		ServerRequestObservationContext.findCurrent(exchange.getAttributes()).ifPresent((context) -> {
			context.addHighCardinalityKeyValue(KeyValue.of(CorrelationIds.MDC_KEY, id));
			TelemetryObservationFilter.tagTenant(context, null, this.tenantTag, false);
		});
		return chain.filter(exchange)
			.contextWrite((context) -> context.put(CorrelationIds.REACTOR_CONTEXT_KEY,
					exchange.getAttributes().get(CorrelationIds.REACTOR_CONTEXT_KEY)));
	}

	@Override
	public int getOrder() {
		return ORDER;
	}

}
