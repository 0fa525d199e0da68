package dev.btpboot.observability.servlet;

import java.io.IOException;

import dev.btpboot.observability.CorrelationIds;
import dev.btpboot.observability.TelemetryObservationFilter;
import io.micrometer.common.KeyValue;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.MDC;

import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.filter.ServerHttpObservationFilter;

/**
 * Takes the request's correlation id ({@link CorrelationIds#of}) into the MDC for as long as the
 * request is handled, answers it in the response and puts it on the request's server span. Runs
 * right after Spring's observation filter, before security, so every log line of the request
 * carries it.
 */
final class CorrelationIdFilter extends OncePerRequestFilter {

	private final boolean tenantTag;

	CorrelationIdFilter(boolean tenantTag) {
		this.tenantTag = tenantTag;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String id = CorrelationIds.of(request.getHeader(CorrelationIds.HEADER),
				request.getHeader(CorrelationIds.VCAP_REQUEST_ID));
		String previous = MDC.get(CorrelationIds.MDC_KEY);
		MDC.put(CorrelationIds.MDC_KEY, id);
		response.setHeader(CorrelationIds.HEADER, id);
		ServerHttpObservationFilter.findObservationContext(request).ifPresent((context) -> {
			context.addHighCardinalityKeyValue(KeyValue.of(CorrelationIds.MDC_KEY, id));
			// a request refused before authentication still has the tenant tag its meter needs
			TelemetryObservationFilter.tagTenant(context, null, this.tenantTag, false);
		});
		try {
			chain.doFilter(request, response);
		}
		finally {
			if (previous != null) {
				MDC.put(CorrelationIds.MDC_KEY, previous);
			}
			else {
				MDC.remove(CorrelationIds.MDC_KEY);
			}
		}
	}

}
