package dev.btpboot.observability.reactive;

import java.util.Map;

import dev.btpboot.observability.CorrelationIds;
import io.micrometer.context.ThreadLocalAccessor;
import org.slf4j.MDC;

/**
 * Restores a WebFlux request's MDC entries (correlation id, tenant id) from the Reactor context on
 * whatever thread runs the request's operators, when Reactor's automatic context propagation is on
 * ({@code spring.reactor.context-propagation=auto}).
 */
final class MdcContextAccessor implements ThreadLocalAccessor<Map<String, String>> {

	private static final String[] KEYS = { CorrelationIds.MDC_KEY, CorrelationIds.TENANT_MDC_KEY };

	@Override
	public Object key() {
		return CorrelationIds.REACTOR_CONTEXT_KEY;
	}

	@Override
	public Map<String, String> getValue() {
		String id = MDC.get(CorrelationIds.MDC_KEY);
		if (id == null) {
			return null;
		}
		String tenant = MDC.get(CorrelationIds.TENANT_MDC_KEY);
		return (tenant != null) ? Map.of(CorrelationIds.MDC_KEY, id, CorrelationIds.TENANT_MDC_KEY, tenant)
				: Map.of(CorrelationIds.MDC_KEY, id);
	}

	@Override
	public void setValue(Map<String, String> value) {
		setValue();
		value.forEach(MDC::put);
	}

	@Override
	public void setValue() {
		for (String key : KEYS) {
			MDC.remove(key);
		}
	}

}
