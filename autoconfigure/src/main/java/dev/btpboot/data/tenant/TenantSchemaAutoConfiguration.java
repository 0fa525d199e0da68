package dev.btpboot.data.tenant;

import java.sql.SQLException;
import java.util.HashSet;
import java.util.Set;

import javax.sql.DataSource;

import dev.btpboot.binding.IdentityCredentials;
import dev.btpboot.binding.ServiceBindingException;
import dev.btpboot.binding.ServiceBindings;
import dev.btpboot.binding.XsuaaCredentials;
import dev.btpboot.data.DatabaseBindingAutoConfiguration;
import dev.btpboot.data.DatabaseConfigurationException;
import dev.btpboot.tenancy.SubscribedTenants;
import org.flywaydb.core.Flyway;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * One PostgreSQL schema per tenant ({@code btp.tenancy.data.isolation=schema}): the
 * {@code dataSource} binds each connection it hands out to the current tenant's schema, a
 * subscription hook creates, migrates and drops the schemas, and at start-up every subscribed
 * tenant's schema is migrated. Refuses the start when the database is not PostgreSQL (SAP HANA
 * Cloud isolates tenants in HDI containers instead) or Flyway is missing (without Spring's JDBC
 * support, {@link DatabaseBindingAutoConfiguration} refuses it).
 */
@AutoConfiguration(after = DatabaseBindingAutoConfiguration.class,
		afterName = { "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
				"org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration" })
@ConditionalOnProperty(name = TenantSchemaAutoConfiguration.ISOLATION, havingValue = "schema")
@EnableConfigurationProperties(TenantDataProperties.class)
public final class TenantSchemaAutoConfiguration {

	static final String ISOLATION = "btp.tenancy.data.isolation";

	private static final String FEATURE = ISOLATION + "=schema";

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = { "org.springframework.jdbc.datasource.DelegatingDataSource",
			"org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails", "org.flywaydb.core.Flyway",
			"org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration" })
	static class TenantSchemaConfiguration {

		@Bean
		@ConditionalOnMissingBean
		TenantSchemaNames tenantSchemaNames() {
			return TenantSchemaNames.standard();
		}

		@Bean
		TenantSchemaResolver btpTenantSchemaResolver(TenantSchemaNames names, ServiceBindings bindings) {
			return new TenantSchemaResolver(names, providerTenants(bindings));
		}

		@Bean
		static BeanPostProcessor btpTenantSchemaDataSourcePostProcessor(ObjectProvider<TenantSchemaResolver> resolver) {
			return new TenantSchemaDataSourcePostProcessor(resolver);
		}

		@Bean
		@ConditionalOnMissingBean
		TenantSchemas tenantSchemas(DataSource dataSource, ObjectProvider<Flyway> flyway,
				ObjectProvider<JdbcConnectionDetails> connectionDetails, TenantSchemaResolver resolver)
				throws SQLException {
			requirePostgres(connectionDetails.getIfAvailable());
			if (!dataSource.isWrapperFor(TenantSchemaDataSource.class)) {
				throw new DatabaseConfigurationException(FEATURE + " binds the DataSource bean named 'dataSource', "
						+ "and the application has none", "Name the application's DataSource bean 'dataSource'.");
			}
			Flyway migrations = flyway.getIfAvailable();
			if (migrations == null) {
				throw new DatabaseConfigurationException(FEATURE + " runs the application's Flyway migrations into "
						+ "each tenant's schema, but Spring Boot configured no Flyway (spring.flyway.enabled=false?)",
						"Remove spring.flyway.enabled=false; to leave the provider's own schema alone, declare a "
								+ "FlywayMigrationStrategy bean that does not migrate.");
			}
			return new TenantSchemas(resolver, dataSource.unwrap(TenantSchemaDataSource.class), migrations);
		}

		@Bean
		@ConditionalOnMissingBean
		TenantSchemaSubscriptionHook tenantSchemaSubscriptionHook(TenantSchemas schemas,
				TenantDataProperties properties) {
			return new TenantSchemaSubscriptionHook(schemas, properties.getOnUnsubscribe());
		}

		@Bean
		TenantSchemaStartupMigration btpTenantSchemaStartupMigration(TenantSchemas schemas,
				ObjectProvider<SubscribedTenants> subscribedTenants) {
			return new TenantSchemaStartupMigration(schemas, subscribedTenants);
		}

		private static void requirePostgres(JdbcConnectionDetails details) {
			if (details == null || details.getJdbcUrl().startsWith("jdbc:postgresql:")) {
				return;
			}
			if (details.getJdbcUrl().startsWith("jdbc:sap:")) {
				throw DatabaseConfigurationException.schemaIsolationOnHana();
			}
			throw new DatabaseConfigurationException(FEATURE + " needs PostgreSQL, and the database's JDBC URL is "
					+ "not jdbc:postgresql:", "Remove " + ISOLATION + ", or connect to a PostgreSQL database.");
		}

		/** The tenant of the application's own xsuaa and identity bindings: served by the provider's schema. */
		private static Set<String> providerTenants(ServiceBindings bindings) {
			Set<String> tenants = new HashSet<>();
			try {
				bindings.xsuaa().map(XsuaaCredentials::tenantId).ifPresent(tenants::add);
				bindings.identity().map(IdentityCredentials::appTenantId).ifPresent(tenants::add);
			}
			catch (ServiceBindingException ex) {
				// several bindings and none chosen: security refuses the start with that message
			}
			return tenants;
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails")
	@ConditionalOnMissingClass("org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration")
	static class MissingFlywayConfiguration {

		@Bean
		Object btpTenantSchemasRequireFlyway() {
			throw DatabaseConfigurationException.dependencyMissing(FEATURE,
					"org.springframework.boot:spring-boot-starter-flyway (with org.flywaydb:flyway-database-postgresql)");
		}

	}

	/** Wraps the {@code dataSource} bean so that every connection is bound to the current tenant's schema. */
	static final class TenantSchemaDataSourcePostProcessor implements BeanPostProcessor, Ordered {

		private final ObjectProvider<TenantSchemaResolver> resolver;

		TenantSchemaDataSourcePostProcessor(ObjectProvider<TenantSchemaResolver> resolver) {
			this.resolver = resolver;
		}

		@Override
		public Object postProcessAfterInitialization(Object bean, String beanName) {
			if ("dataSource".equals(beanName) && bean instanceof DataSource dataSource
					&& !(bean instanceof TenantSchemaDataSource)) {
				return new TenantSchemaDataSource(dataSource, this.resolver.getObject());
			}
			return bean;
		}

		@Override
		public int getOrder() {
			// innermost: before Boot's lazy-connection proxy wraps the pool
			return Ordered.HIGHEST_PRECEDENCE + 100;
		}

	}

}
