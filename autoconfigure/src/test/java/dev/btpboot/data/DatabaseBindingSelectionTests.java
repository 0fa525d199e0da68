package dev.btpboot.data;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.btpboot.binding.BindingsAutoConfiguration;
import dev.btpboot.binding.ServiceBindingException;
import dev.btpboot.testing.TestCertificates;
import dev.btpboot.testing.TestPostgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which bound database the DataSource uses, and the start-up errors when that is not clear or the
 * binding cannot be used: through a failure analyzer, naming bindings and fields, never a password
 * (DEBUG on).
 */
@ExtendWith(OutputCaptureExtension.class)
class DatabaseBindingSelectionTests {

	private static final String ORDERS_PASSWORD = "orders-S3cr3t-pw";

	private static final String AUDIT_PASSWORD = "audit-S3cr3t-pw";

	private static final String CA = TestCertificates.certificateAuthority("Database CA").certificatePem();

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(BindingsAutoConfiguration.class,
				DatabaseBindingAutoConfiguration.class, DataSourceAutoConfiguration.class))
		.withPropertyValues("btp.bindings.kubernetes-root=/nonexistent");

	/** An application without Spring's JDBC support has no DataSource auto-configuration either. */
	private final ApplicationContextRunner withoutJdbc = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(BindingsAutoConfiguration.class,
				DatabaseBindingAutoConfiguration.class))
		.withClassLoader(new FilteredClassLoader(JdbcConnectionDetails.class))
		.withPropertyValues("btp.bindings.kubernetes-root=/nonexistent");

	@BeforeEach
	void debug() {
		LoggingSystem.get(getClass().getClassLoader()).setLogLevel("dev.btpboot", LogLevel.DEBUG);
	}

	@AfterEach
	void restoreLogLevel() {
		LoggingSystem.get(getClass().getClassLoader()).setLogLevel("dev.btpboot", null);
	}

	@Test
	void theOnlyDatabaseBindingIsUsed() {
		this.runner.withPropertyValues(vcap(Map.of("orders-db", credentials("orders", ORDERS_PASSWORD))))
			.run((context) -> assertThat(context.getBean(JdbcConnectionDetails.class).getJdbcUrl())
				.startsWith("jdbc:postgresql://orders.db.example.com:5432/orders?"));
	}

	@Test
	void ofSeveralDatabasesTheNamedOneIsUsed() {
		this.runner.withPropertyValues(vcap(twoDatabases()), "btp.bindings.database.name=audit-db")
			.run((context) -> {
				JdbcConnectionDetails details = context.getBean(JdbcConnectionDetails.class);
				assertThat(details.getJdbcUrl()).startsWith("jdbc:postgresql://audit.db.example.com:5432/audit?");
				assertThat(details.getUsername()).isEqualTo("audit_user");
				assertThat(details.getPassword()).isEqualTo(AUDIT_PASSWORD);
			});
	}

	@Test
	void severalDatabasesAndNoneChosenRefuseTheStartAndNameTheProperty(CapturedOutput output) {
		this.runner.withPropertyValues(vcap(twoDatabases())).run((context) -> {
			FailureAnalysis analysis = analysis(context.getStartupFailure());
			assertThat(analysis.getDescription()).contains("2 database bindings", "orders-db (postgresql-db)",
					"audit-db (postgresql-db)");
			assertThat(analysis.getAction()).contains("btp.bindings.database.name");
			assertNoPassword(analysis, output);
		});
	}

	@Test
	void aNameNoDatabaseBindingHasRefusesTheStart(CapturedOutput output) {
		this.runner.withPropertyValues(vcap(twoDatabases()), "btp.bindings.database.name=reports-db")
			.run((context) -> {
				FailureAnalysis analysis = analysis(context.getStartupFailure());
				assertThat(analysis.getDescription()).contains("'reports-db'", "orders-db", "audit-db");
				assertNoPassword(analysis, output);
			});
	}

	@Test
	void aBindingWithoutPasswordNamesTheFieldNotAValue(CapturedOutput output) {
		Map<String, Object> credentials = credentials("orders", ORDERS_PASSWORD);
		credentials.remove("password");
		credentials.remove("uri");
		this.runner.withPropertyValues(vcap(Map.of("orders-db", credentials))).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOf(ServiceBindingException.class)
				.hasMessageContaining("'orders-db'")
				.hasMessageContaining("field 'password'");
			assertThat(output).doesNotContain(ORDERS_PASSWORD);
		});
	}

	@Test
	void aUriThatIsNotAUrlIsReportedWithoutItsPassword(CapturedOutput output) {
		Map<String, Object> credentials = credentials("orders", ORDERS_PASSWORD);
		credentials.remove("hostname");
		credentials.put("uri", "postgres://orders_user:" + ORDERS_PASSWORD + "@bad host/orders");
		this.runner.withPropertyValues(vcap(Map.of("orders-db", credentials))).run((context) -> {
			assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("field 'uri'");
			assertThat(output).doesNotContain(ORDERS_PASSWORD);
			assertThat(context.getStartupFailure()).rootCause().message().doesNotContain(ORDERS_PASSWORD);
		});
	}

	@Test
	void theConnectionDetailsNeverShowThePassword() {
		this.runner.withPropertyValues(vcap(Map.of("orders-db", credentials("orders", ORDERS_PASSWORD))))
			.run((context) -> assertThat(context.getBean(JdbcConnectionDetails.class).toString())
				.contains("orders-db")
				.doesNotContain(ORDERS_PASSWORD));
	}

	@Test
	void withoutThePostgresqlDriverTheStartIsRefusedNamingIt(CapturedOutput output) {
		this.runner.withClassLoader(new FilteredClassLoader("org.postgresql"))
			.withPropertyValues(vcap(Map.of("orders-db", credentials("orders", ORDERS_PASSWORD))))
			.run((context) -> {
				FailureAnalysis analysis = analysis(context.getStartupFailure());
				assertThat(analysis.getDescription()).contains("'orders-db'", "org.postgresql:postgresql");
				assertNoPassword(analysis, output);
			});
	}

	@Test
	void choosingADatabaseWithoutSpringsJdbcSupportRefusesTheStartNamingIt() {
		this.withoutJdbc.withPropertyValues(vcap(twoDatabases()), "btp.bindings.database.name=audit-db")
			.run((context) -> assertThat(analysis(context.getStartupFailure()).getDescription())
				.contains("btp.bindings.database.name", "spring-boot-starter-jdbc"));
	}

	@Test
	void aDatabaseBindingAloneWithoutSpringsJdbcSupportIsNoError() {
		this.withoutJdbc.withPropertyValues(vcap(twoDatabases()))
			.run((context) -> assertThat(context).hasNotFailed());
	}

	private static FailureAnalysis analysis(Throwable failure) {
		FailureAnalysis analysis = new DatabaseFailureAnalyzer().analyze(failure);
		assertThat(analysis).as("analysis of %s", failure).isNotNull();
		return analysis;
	}

	private static void assertNoPassword(FailureAnalysis analysis, CapturedOutput output) {
		assertThat(analysis.getDescription() + analysis.getAction()).doesNotContain(ORDERS_PASSWORD, AUDIT_PASSWORD);
		assertThat(output).doesNotContain(ORDERS_PASSWORD, AUDIT_PASSWORD);
	}

	private static Map<String, Map<String, Object>> twoDatabases() {
		Map<String, Map<String, Object>> bindings = new LinkedHashMap<>();
		bindings.put("orders-db", credentials("orders", ORDERS_PASSWORD));
		bindings.put("audit-db", credentials("audit", AUDIT_PASSWORD));
		return bindings;
	}

	static Map<String, Object> credentials(String name, String password) {
		Map<String, Object> credentials = new LinkedHashMap<>();
		credentials.put("dbname", name);
		credentials.put("hostname", name + ".db.example.com");
		credentials.put("password", password);
		credentials.put("port", "5432");
		credentials.put("sslrootcert", CA);
		credentials.put("uri",
				"postgres://" + name + "_user:" + password + "@" + name + ".db.example.com:5432/" + name);
		credentials.put("username", name + "_user");
		return credentials;
	}

	private static String vcap(Map<String, Map<String, Object>> bindings) {
		return "VCAP_SERVICES=" + TestPostgres.vcapServices(bindings);
	}

}
