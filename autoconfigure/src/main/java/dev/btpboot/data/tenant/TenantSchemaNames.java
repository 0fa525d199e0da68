package dev.btpboot.data.tenant;

/**
 * The name of a tenant's schema, derived from its tenant id and never from any other request
 * text. A bean of this type replaces the standard rule; whatever it answers must be a plain SQL
 * identifier (letters, digits, underscores; at most 63 characters), or the tenant gets no
 * connection.
 */
@FunctionalInterface
public interface TenantSchemaNames {

	/**
	 * @param tenantId the tenant id (zone id)
	 * @return the tenant's schema
	 */
	String schemaOf(String tenantId);

	/**
	 * The standard rule: {@code tenant_} and the 32 hex digits of a tenant id that is a
	 * lower-case UUID (as BTP zone ids are); for any other id, {@code tenant_}, up to 20 of its
	 * letters and digits, {@code _} and 16 hex digits of its SHA-256 (so ids that differ only in
	 * other characters get different schemas).
	 * @return the rule
	 */
	static TenantSchemaNames standard() {
		return StandardTenantSchemaNames.INSTANCE;
	}

}
