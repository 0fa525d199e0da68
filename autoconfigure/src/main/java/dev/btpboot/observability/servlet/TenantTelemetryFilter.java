package dev.btpboot.observability.servlet;

import java.io.IOException;

import dev.btpboot.observability.CorrelationIds;
import dev.btpboot.observability.TelemetryObservationFilter;
import dev.btpboot.security.BtpUser;
import dev.btpboot.security.CurrentUser;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.MDC;

import org.springframework.util.StringUtils;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.filter.ServerHttpObservationFilter;

/**
 * Puts the tenant id of the authenticated user (never its name or token) into the MDC and on the
 * request's server span, and with {@code btp.observability.tenant-tag} on its metrics. Runs right
 * after Spring Security's filter chain, when the user is known.
 */
final class TenantTelemetryFilter extends OncePerRequestFilter {

	private final boolean tenantTag;

	TenantTelemetryFilter(boolean tenantTag) {
		this.tenantTag = tenantTag;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String tenant = CurrentUser.get().map(BtpUser::tenant).filter(StringUtils::hasText).orElse(null);
		if (tenant == null) {
			chain.doFilter(request, response);
			return;
		}
		MDC.put(CorrelationIds.TENANT_MDC_KEY, tenant);
		ServerHttpObservationFilter.findObservationContext(request)
			.ifPresent((context) -> TelemetryObservationFilter.tagTenant(context, tenant, this.tenantTag, true));
		try {
			chain.doFilter(request, response);
		}
		finally {
			MDC.remove(CorrelationIds.TENANT_MDC_KEY);
		}
	}

}
