package dev.btpboot.data;

import com.zaxxer.hikari.HikariDataSource;
import dev.btpboot.binding.BindingsAutoConfiguration;
import dev.btpboot.binding.ServiceBinding;
import dev.btpboot.binding.ServiceBindings;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.AnyNestedCondition;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;
import org.springframework.core.io.ResourceLoader;
import org.springframework.util.ClassUtils;

/**
 * The bound database (PostgreSQL on SAP BTP, SAP HANA Cloud) as Spring Boot's
 * {@link JdbcConnectionDetails}, so Boot's own DataSource, Hikari, Flyway, Liquibase, health and
 * metrics connect to it unchanged; an explicit {@code spring.datasource.url} wins. With Hikari,
 * every new connection takes the user and password of the binding's current version (rotation
 * without restart).
 */
@AutoConfiguration(after = BindingsAutoConfiguration.class,
		beforeName = "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration")
@EnableConfigurationProperties(DatabaseBindingProperties.class)
public final class DatabaseBindingAutoConfiguration {

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(JdbcConnectionDetails.class)
	static class BindingConnectionDetailsConfiguration {

		@Bean
		@ConditionalOnMissingBean(JdbcConnectionDetails.class)
		@Conditional(OnDatabaseBindingCondition.class)
		JdbcConnectionDetails btpDatabaseConnectionDetails(ServiceBindings bindings,
				DatabaseBindingProperties properties, Environment environment, ResourceLoader resourceLoader) {
			ServiceBinding binding = DatabaseBindings.select(bindings, properties.getName())
				.orElseThrow(() -> new IllegalStateException("no database binding, though the condition matched"));
			BindingJdbcConnectionDetails details = new BindingJdbcConnectionDetails(bindings, binding);
			if (details.kind() == DatabaseBindings.Kind.HANA
					&& "schema".equalsIgnoreCase(environment.getProperty(DatabaseFeatureConfigured.ISOLATION))) {
				throw DatabaseConfigurationException.schemaIsolationOnHana();
			}
			String driver = details.getDriverClassName();
			if (!ClassUtils.isPresent(driver, resourceLoader.getClassLoader())) {
				throw DatabaseConfigurationException.dependencyMissing(
						"The database binding '" + binding.name() + "' (" + binding.service() + ")",
						(details.kind() == DatabaseBindings.Kind.HANA) ? "com.sap.cloud.db.jdbc:ngdbc"
								: "org.postgresql:postgresql");
			}
			return details;
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ JdbcConnectionDetails.class, HikariDataSource.class })
	static class HikariRotationConfiguration {

		@Bean
		static BeanPostProcessor btpHikariBindingCredentialsPostProcessor(
				ObjectProvider<JdbcConnectionDetails> connectionDetails) {
			return new HikariBindingCredentialsPostProcessor(connectionDetails);
		}

	}

	/** A database feature is configured without Spring's JDBC support: refuse the start, naming the dependency. */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnMissingClass("org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails")
	@Conditional(DatabaseFeatureConfigured.class)
	static class MissingJdbcConfiguration {

		@Bean
		Object btpDatabaseFeatureRequiresJdbc(Environment environment) {
			String feature = environment.containsProperty(DatabaseBindings.NAME_PROPERTY) ? DatabaseBindings.NAME_PROPERTY
					: DatabaseFeatureConfigured.ISOLATION + "=schema";
			throw DatabaseConfigurationException.dependencyMissing(feature,
					"org.springframework.boot:spring-boot-starter-jdbc");
		}

	}

	/** {@code btp.bindings.database.name} or {@code btp.tenancy.data.isolation=schema} is set. */
	static class DatabaseFeatureConfigured extends AnyNestedCondition {

		static final String ISOLATION = "btp.tenancy.data.isolation";

		DatabaseFeatureConfigured() {
			super(ConfigurationPhase.REGISTER_BEAN);
		}

		@ConditionalOnProperty(DatabaseBindings.NAME_PROPERTY)
		static class DatabaseChosen {

		}

		@ConditionalOnProperty(name = ISOLATION, havingValue = "schema")
		static class SchemaIsolation {

		}

	}

	/**
	 * Gives the {@code dataSource} Hikari pool built from the binding a credentials provider that
	 * reads the binding's current version (after Boot's own post-processor set URL, user and
	 * password).
	 */
	static final class HikariBindingCredentialsPostProcessor implements BeanPostProcessor, Ordered {

		private final ObjectProvider<JdbcConnectionDetails> connectionDetails;

		HikariBindingCredentialsPostProcessor(ObjectProvider<JdbcConnectionDetails> connectionDetails) {
			this.connectionDetails = connectionDetails;
		}

		@Override
		public Object postProcessBeforeInitialization(Object bean, String beanName) {
			if (bean instanceof HikariDataSource hikari && "dataSource".equals(beanName)
					&& this.connectionDetails.getIfAvailable() instanceof BindingJdbcConnectionDetails details) {
				hikari.setCredentialsProvider(new BindingCredentialsProvider(details, hikari.getJdbcUrl()));
			}
			return bean;
		}

		@Override
		public int getOrder() {
			return Ordered.LOWEST_PRECEDENCE;
		}

	}

}
