package dev.btpboot.data.tenant;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import dev.btpboot.security.BtpUser;
import dev.btpboot.security.CurrentUser;

/**
 * The one rule for which schema serves a tenant: the provider's own tenant (the tenant of the
 * application's xsuaa or identity binding) and no tenant at all are served by the provider's
 * schema; every other tenant by the schema {@link TenantSchemaNames} names, which must be a plain
 * SQL identifier.
 */
final class TenantSchemaResolver {

	private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,62}");

	/** Names are cached per tenant; a bound that the tenants of one application never reach. */
	private static final int MAX_CACHED = 10_000;

	private final TenantSchemaNames names;

	private final Set<String> providerTenants;

	private final Map<String, String> schemas = new ConcurrentHashMap<>();

	/**
	 * @param names the naming rule
	 * @param providerTenants the tenant ids of the provider itself
	 */
	TenantSchemaResolver(TenantSchemaNames names, Set<String> providerTenants) {
		this.names = names;
		this.providerTenants = Set.copyOf(providerTenants);
	}

	/** @return the tenant of the current thread's user, or {@code null} */
	static String currentTenant() {
		return CurrentUser.get().map(BtpUser::tenant).filter((tenant) -> !tenant.isBlank()).orElse(null);
	}

	/**
	 * @param tenantId a tenant id, or {@code null}
	 * @return whether the provider's schema serves it
	 */
	boolean isProvider(String tenantId) {
		return tenantId == null || this.providerTenants.contains(tenantId);
	}

	/**
	 * @param tenantId a tenant that is not the provider
	 * @return its schema, a plain SQL identifier
	 * @throws IllegalStateException when the naming rule answers anything else
	 */
	String schemaOf(String tenantId) {
		String schema = this.schemas.get(tenantId);
		if (schema == null) {
			schema = this.names.schemaOf(tenantId);
			if (schema == null || !IDENTIFIER.matcher(schema).matches()) {
				throw new IllegalStateException("The TenantSchemaNames bean named no plain SQL identifier (letters, "
						+ "digits, underscores, at most 63) as the schema of tenant '" + tenantId + "'");
			}
			if (this.schemas.size() >= MAX_CACHED) {
				this.schemas.clear();
			}
			this.schemas.put(tenantId, schema);
		}
		return schema;
	}

}
