package dev.btpboot.data.tenant;

import java.sql.Connection;
import java.sql.Statement;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Creates, migrates and drops tenants' schemas: the application's Flyway migrations (Spring
 * Boot's {@code Flyway} configuration: locations, callbacks, Java migrations) run into each
 * tenant's schema, which holds its own schema history, so a migration interrupted for one tenant
 * resumes where it stopped the next time. The provider's own tenant is served by the provider's
 * schema, which Spring Boot migrates at start-up; it is never created or dropped here.
 */
public class TenantSchemas {

	private static final Log logger = LogFactory.getLog(TenantSchemas.class);

	private final TenantSchemaResolver resolver;

	private final TenantSchemaDataSource dataSource;

	private final Flyway flyway;

	TenantSchemas(TenantSchemaResolver resolver, TenantSchemaDataSource dataSource, Flyway flyway) {
		this.resolver = resolver;
		this.dataSource = dataSource;
		this.flyway = flyway;
	}

	/**
	 * @param tenantId a tenant id
	 * @return the schema that serves it, or {@code null} when the provider's schema does
	 */
	public String schemaOf(String tenantId) {
		return this.resolver.isProvider(tenantId) ? null : this.resolver.schemaOf(tenantId);
	}

	/**
	 * Creates the tenant's schema when it does not exist and runs the pending migrations into it.
	 * Safe to repeat.
	 * @param tenantId the tenant
	 * @return the number of migrations applied now (0 when up to date, or for the provider's tenant)
	 * @throws Exception when the schema cannot be created or a migration fails
	 */
	public int migrate(String tenantId) throws Exception {
		String schema = schemaOf(tenantId);
		if (schema == null) {
			logger.debug("Tenant '" + tenantId + "' is the provider's own: its data is in the provider's schema");
			return 0;
		}
		return this.dataSource.unbound(() -> {
			try (Connection connection = this.dataSource.getConnection();
					Statement statement = connection.createStatement()) {
				statement.execute("CREATE SCHEMA IF NOT EXISTS " + quoted(schema));
				if (!connection.getAutoCommit()) {
					connection.commit();
				}
			}
			MigrateResult result = Flyway.configure(this.flyway.getConfiguration().getClassLoader())
				.configuration(this.flyway.getConfiguration())
				.schemas(schema)
				.defaultSchema(schema)
				.createSchemas(false)
				.load()
				.migrate();
			return result.migrationsExecuted;
		});
	}

	/**
	 * Drops the tenant's schema with all its data; nothing happens when it does not exist or for
	 * the provider's own tenant.
	 * @param tenantId the tenant
	 * @throws Exception when the schema cannot be dropped
	 */
	public void drop(String tenantId) throws Exception {
		String schema = schemaOf(tenantId);
		if (schema == null) {
			logger.info("Tenant '" + tenantId + "' is the provider's own: the provider's schema is never dropped");
			return;
		}
		this.dataSource.unbound(() -> {
			try (Connection connection = this.dataSource.getConnection();
					Statement statement = connection.createStatement()) {
				statement.execute("DROP SCHEMA IF EXISTS " + quoted(schema) + " CASCADE");
				if (!connection.getAutoCommit()) {
					connection.commit();
				}
			}
			return null;
		});
		this.dataSource.schemaDropped();
	}

	/** A name {@link TenantSchemaResolver} checked to be a plain identifier: quoting cannot be escaped. */
	private static String quoted(String schema) {
		return "\"" + schema + "\"";
	}

}
