package dev.btpboot.data.tenant;

import java.sql.SQLException;

/**
 * A tenant's request got no connection: its schema does not exist (not subscribed, or its
 * subscription has not finished), or its schema name is not a plain SQL identifier. Never falls
 * back to another schema. SQL state {@code 3F000} (invalid schema name).
 */
public class TenantSchemaException extends SQLException {

	private final String tenantId;

	private final String schema;

	/**
	 * @param tenantId the tenant
	 * @param schema its schema
	 * @param problem what is wrong
	 */
	public TenantSchemaException(String tenantId, String schema, String problem) {
		super("Tenant '" + tenantId + "': " + problem, "3F000");
		this.tenantId = tenantId;
		this.schema = schema;
	}

	/** @return the tenant whose request got no connection */
	public String getTenantId() {
		return this.tenantId;
	}

	/** @return the tenant's schema */
	public String getSchema() {
		return this.schema;
	}

}
