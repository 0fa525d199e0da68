package dev.btpboot.data;

import java.util.LinkedHashMap;
import java.util.Map;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import dev.btpboot.binding.BindingsAutoConfiguration;
import dev.btpboot.testing.TestCertificates;
import dev.btpboot.testing.TestPostgres;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * PostgreSQL on SAP BTP bound through {@code VCAP_SERVICES}, against a real PostgreSQL that, as
 * the service does, accepts application users over TLS only: Spring Boot's own DataSource (Hikari)
 * and Flyway connect with the binding's credentials, verifying the server's certificate against
 * the binding's CA and its host name.
 */
class PostgresBindingTests {

	@RegisterExtension
	static final TestPostgres postgres = new TestPostgres();

	private static final String PASSWORD = "Pg-S3cr3t-of-the-binding";

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(BindingsAutoConfiguration.class,
				DatabaseBindingAutoConfiguration.class, DataSourceAutoConfiguration.class,
				JdbcTemplateAutoConfiguration.class, FlywayAutoConfiguration.class))
		.withPropertyValues("btp.bindings.kubernetes-root=/nonexistent", "spring.flyway.enabled=false");

	@BeforeAll
	static void createTheServiceInstance() {
		postgres.createUserAndDatabase("app_user", PASSWORD, "app_db");
	}

	@Test
	void bootsDataSourceConnectsAsTheBindingsUserOverVerifiedTls() {
		this.runner.withPropertyValues(vcap(postgres.postgresqlDbCredentials("app_user", PASSWORD, "app_db")))
			.run((context) -> {
				assertThat(context).hasSingleBean(JdbcConnectionDetails.class);
				assertThat(context.getBean(DataSource.class)).isInstanceOf(HikariDataSource.class);
				JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
				assertThat(jdbc.queryForObject("SELECT current_user || '@' || current_database()", String.class))
					.isEqualTo("app_user@app_db");
				assertThat(jdbc.queryForObject("SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()",
						Boolean.class))
					.isTrue();
				String url = context.getBean(JdbcConnectionDetails.class).getJdbcUrl();
				assertThat(url).startsWith("jdbc:postgresql://localhost:" + postgres.port() + "/app_db?")
					.contains("sslmode=verify-full", "sslfactory=" + PemTrustSocketFactory.class.getName())
					.doesNotContain(PASSWORD, "app_user");
			});
	}

	@Test
	void flywayMigratesTheBoundDatabase() {
		this.runner
			.withPropertyValues(vcap(postgres.postgresqlDbCredentials("app_user", PASSWORD, "app_db")),
					"spring.flyway.enabled=true", "spring.flyway.locations=classpath:dev/btpboot/data/migration",
					"spring.flyway.schemas=flyway_test")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
				jdbc.update("INSERT INTO flyway_test.notes (text) VALUES ('migrated')");
				assertThat(jdbc.queryForObject("SELECT count(*) FROM flyway_test.notes", Integer.class)).isOne();
			});
	}

	@Test
	void theUriAloneIsEnough() {
		Map<String, Object> credentials = new LinkedHashMap<>();
		credentials.put("uri", "postgres://app_user:" + PASSWORD + "@localhost:" + postgres.port() + "/app_db");
		credentials.put("sslrootcert", postgres.ca().certificatePem());
		this.runner.withPropertyValues(vcap(credentials))
			.run((context) -> assertThat(
					context.getBean(JdbcTemplate.class).queryForObject("SELECT current_user", String.class))
				.isEqualTo("app_user"));
	}

	@Test
	void anExplicitDataSourceUrlWinsOverTheBinding() {
		this.runner
			.withPropertyValues(vcap(postgres.postgresqlDbCredentials("app_user", PASSWORD, "app_db")),
					"spring.datasource.url=jdbc:postgresql://localhost:" + postgres.port() + "/postgres?sslmode=disable",
					"spring.datasource.username=postgres")
			.run((context) -> {
				assertThat(context.getBean(JdbcConnectionDetails.class))
					.isNotInstanceOf(BindingJdbcConnectionDetails.class);
				assertThat(context.getBean(JdbcTemplate.class).queryForObject("SELECT current_user", String.class))
					.isEqualTo("postgres");
			});
	}

	@Test
	void aServerCertificateThatTheBindingsCaDidNotIssueIsRefused() {
		Map<String, Object> credentials = postgres.postgresqlDbCredentials("app_user", PASSWORD, "app_db");
		String otherCa = TestCertificates.certificateAuthority("Another CA").certificatePem();
		credentials.put("sslrootcert", otherCa);
		credentials.put("sslcert", otherCa);
		this.runner.withPropertyValues(vcap(credentials))
			.run((context) -> assertThatExceptionOfType(Exception.class)
				.isThrownBy(() -> context.getBean(DataSource.class).getConnection().close())
				.withStackTraceContaining("PKIX path"));
	}

	@Test
	void aHostNameTheServerCertificateDoesNotNameIsRefused() {
		Map<String, Object> credentials = postgres.postgresqlDbCredentials("app_user", PASSWORD, "app_db");
		credentials.put("hostname", "127.0.0.1");
		this.runner.withPropertyValues(vcap(credentials))
			.run((context) -> assertThatExceptionOfType(Exception.class)
				.isThrownBy(() -> context.getBean(DataSource.class).getConnection().close())
				.withStackTraceContaining("hostname 127.0.0.1 could not be verified"));
	}

	@Test
	void withoutACaInTheBindingTheJdksTrustStoreDecides() {
		Map<String, Object> credentials = postgres.postgresqlDbCredentials("app_user", PASSWORD, "app_db");
		credentials.remove("sslrootcert");
		credentials.remove("sslcert");
		this.runner.withPropertyValues(vcap(credentials)).run((context) -> {
			assertThat(context.getBean(JdbcConnectionDetails.class).getJdbcUrl())
				.contains("sslmode=verify-full", "sslfactory=org.postgresql.ssl.DefaultJavaSSLFactory");
			// the test CA is not one the JDK trusts
			assertThatExceptionOfType(Exception.class)
				.isThrownBy(() -> context.getBean(DataSource.class).getConnection().close())
				.withStackTraceContaining("PKIX path");
		});
	}

	static String vcap(Map<String, Object> credentials) {
		return "VCAP_SERVICES=" + TestPostgres.vcapServices(Map.of("app-db", credentials));
	}

}
