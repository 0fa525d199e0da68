package dev.btpboot.data;

import com.zaxxer.hikari.HikariDataSource;
import dev.btpboot.binding.BindingsAutoConfiguration;
import dev.btpboot.binding.ServiceBinding;
import dev.btpboot.binding.ServiceBindings;

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
					&& "schema".equalsIgnoreCase(environment.getProperty("btp.tenancy.data.isolation"))) {
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

	/** {@code btp.bindings.database.name} chooses a binding for Spring's JDBC support: without it, refuse. */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnMissingClass("org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails")
	@ConditionalOnProperty(DatabaseBindings.NAME_PROPERTY)
	static class MissingJdbcConfiguration {

		@Bean
		Object btpDatabaseBindingRequiresJdbc() {
			throw DatabaseConfigurationException.dependencyMissing(DatabaseBindings.NAME_PROPERTY,
					"org.springframework.boot:spring-boot-starter-jdbc");
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
