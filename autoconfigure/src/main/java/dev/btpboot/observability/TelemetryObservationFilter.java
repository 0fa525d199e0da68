package dev.btpboot.observability;

import io.micrometer.common.KeyValue;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationFilter;

/**
 * Puts the correlation id and the tenant id of the current request on every observation that
 * ends while it is handled (client calls, data access, ...): as span attributes, never as metric
 * tags, except the tenant with {@code btp.observability.tenant-tag=true}, which tags metrics too
 * ({@value CorrelationIds#NO_TENANT} without a tenant, so every meter has the same tags). The
 * server observation of the request itself is tagged by the request filters, since it ends after
 * they have left.
 */
public final class TelemetryObservationFilter implements ObservationFilter {

	private final boolean tenantTag;

	/**
	 * @param tenantTag whether the tenant id tags metrics ({@code btp.observability.tenant-tag})
	 */
	public TelemetryObservationFilter(boolean tenantTag) {
		this.tenantTag = tenantTag;
	}

	@Override
	public Observation.Context map(Observation.Context context) {
		if (context.getHighCardinalityKeyValue(CorrelationIds.MDC_KEY) == null) {
			CorrelationIds.current()
				.ifPresent((id) -> context.addHighCardinalityKeyValue(KeyValue.of(CorrelationIds.MDC_KEY, id)));
		}
		tagTenant(context, CorrelationIds.currentTenant().orElse(null), this.tenantTag, false);
		return context;
	}

	/**
	 * The one rule for the tenant on an observation.
	 * @param context the observation's context
	 * @param tenant the tenant id, or {@code null}
	 * @param tenantTag whether metrics carry it
	 * @param replace whether a tenant already on the context gives way (the request's own filter
	 * knows better than the "none" set before authentication)
	 */
	public static void tagTenant(Observation.Context context, String tenant, boolean tenantTag, boolean replace) {
		boolean present = context.getLowCardinalityKeyValue(CorrelationIds.TENANT_TAG) != null
				|| context.getHighCardinalityKeyValue(CorrelationIds.TENANT_TAG) != null;
		if (present && !replace) {
			return;
		}
		if (tenantTag) {
			context.addLowCardinalityKeyValue(
					KeyValue.of(CorrelationIds.TENANT_TAG, (tenant != null) ? tenant : CorrelationIds.NO_TENANT));
		}
		else if (tenant != null) {
			context.addHighCardinalityKeyValue(KeyValue.of(CorrelationIds.TENANT_TAG, tenant));
		}
	}

}
