package dev.btpboot.data;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import dev.btpboot.binding.BindingsAutoConfiguration;
import dev.btpboot.testing.KubeletSecretVolume;
import dev.btpboot.testing.TestPostgres;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Database bindings mounted on Kubernetes (Kyma), as the SAP BTP service operator and
 * servicebinding.io lay them out, against a real PostgreSQL; and a binding rotated by the kubelet's
 * {@code ..data} swap while the application runs: connections opened afterwards use the new user,
 * a connection in use goes on as it was.
 */
@ExtendWith(OutputCaptureExtension.class)
class KubernetesDatabaseBindingTests {

	@RegisterExtension
	static final TestPostgres postgres = new TestPostgres();

	private static final String OLD_PASSWORD = "Before-rotation-S3cr3t";

	private static final String NEW_PASSWORD = "After-rotation-S3cr3t";

	private static final String METADATA = """
			{"metaDataProperties":[{"name":"instance_name","format":"text"},{"name":"label","format":"text"},
			 {"name":"type","format":"text"},{"name":"plan","format":"text"},{"name":"tags","format":"json"}],
			 "credentialProperties":[{"name":"dbname","format":"text"},{"name":"hostname","format":"text"},
			 {"name":"password","format":"text"},{"name":"port","format":"text"},{"name":"sslcert","format":"text"},
			 {"name":"sslrootcert","format":"text"},{"name":"uri","format":"text"},{"name":"username","format":"text"}]}""";

	@TempDir
	Path root;

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(BindingsAutoConfiguration.class,
				DatabaseBindingAutoConfiguration.class, DataSourceAutoConfiguration.class));

	@BeforeAll
	static void createTheServiceInstance() {
		postgres.createUserAndDatabase("orders_v1", OLD_PASSWORD, "orders");
		postgres.execute("CREATE ROLE orders_v2 LOGIN PASSWORD '" + NEW_PASSWORD + "'",
				"GRANT ALL ON DATABASE orders TO orders_v2");
	}

	@Test
	void aBindingOfTheServiceOperatorConnectsAndFollowsItsRotation(CapturedOutput output) {
		KubeletSecretVolume volume = KubeletSecretVolume.mount(this.root.resolve("orders-db"),
				operatorFiles("orders_v1", OLD_PASSWORD));
		this.runner
			.withPropertyValues("btp.bindings.kubernetes-root=" + this.root, "btp.bindings.refresh-interval=100ms",
					"spring.datasource.hikari.maximum-pool-size=2")
			.run((context) -> {
				DataSource dataSource = context.getBean(DataSource.class);
				HikariDataSource pool = (HikariDataSource) dataSource;
				try (Connection inUse = dataSource.getConnection()) {
					assertThat(currentUser(inUse)).isEqualTo("orders_v1");
					// the pool opens its second connection in the background: with the old user
					await().atMost(Duration.ofSeconds(20))
						.until(() -> pool.getHikariPoolMXBean().getTotalConnections() == 2);

					volume.update(operatorFiles("orders_v2", NEW_PASSWORD));
					JdbcConnectionDetails details = context.getBean(JdbcConnectionDetails.class);
					await().atMost(Duration.ofSeconds(20)).until(() -> "orders_v2".equals(details.getUsername()));
					// Hikari retires connections after maxLifetime; evicting the idle ones stands for that
					pool.getHikariPoolMXBean().softEvictConnections();

					try (Connection opened = dataSource.getConnection()) {
						assertThat(currentUser(opened)).isEqualTo("orders_v2");
					}
					assertThat(currentUser(inUse)).isEqualTo("orders_v1");
				}
				assertThat(output).contains("Database binding 'orders-db' was rotated")
					.doesNotContain(OLD_PASSWORD, NEW_PASSWORD);
			});
	}

	@Test
	void aRotatedBindingWithoutPasswordKeepsThePreviousVersion(CapturedOutput output) {
		KubeletSecretVolume volume = KubeletSecretVolume.mount(this.root.resolve("orders-db"),
				operatorFiles("orders_v1", OLD_PASSWORD));
		this.runner
			.withPropertyValues("btp.bindings.kubernetes-root=" + this.root, "btp.bindings.refresh-interval=100ms")
			.run((context) -> {
				volume.update(operatorFiles("orders_v2", ""));
				await().atMost(Duration.ofSeconds(20))
					.until(() -> output.toString().contains("The rotated database binding is not usable")
							|| context.getBean(JdbcConnectionDetails.class).getUsername().equals("orders_v2"));
				JdbcConnectionDetails details = context.getBean(JdbcConnectionDetails.class);
				assertThat(details.getUsername()).isEqualTo("orders_v1");
				try (Connection connection = context.getBean(DataSource.class).getConnection()) {
					assertThat(currentUser(connection)).isEqualTo("orders_v1");
				}
				assertThat(output).contains("field 'password'").doesNotContain(OLD_PASSWORD);
			});
	}

	@Test
	void aServiceBindingIoBindingConnects() {
		Map<String, String> files = new LinkedHashMap<>();
		files.put("type", "postgresql");
		files.put("provider", "sap");
		files.put("host", "localhost");
		files.put("port", String.valueOf(postgres.port()));
		files.put("database", "orders");
		files.put("username", "orders_v1");
		files.put("password", OLD_PASSWORD);
		files.put("sslrootcert", postgres.ca().certificatePem());
		KubeletSecretVolume.mount(this.root.resolve("orders-db"), files);
		this.runner.withPropertyValues("btp.bindings.kubernetes-root=" + this.root).run((context) -> {
			try (Connection connection = context.getBean(DataSource.class).getConnection()) {
				assertThat(currentUser(connection)).isEqualTo("orders_v1");
			}
		});
	}

	private static Map<String, String> operatorFiles(String user, String password) {
		Map<String, String> files = new LinkedHashMap<>();
		files.put(".metadata", METADATA);
		files.put("instance_name", "orders-db");
		files.put("label", "postgresql-db");
		files.put("type", "postgresql-db");
		files.put("plan", "standard");
		files.put("tags", "[\"relational\",\"postgresql\"]");
		postgres.postgresqlDbCredentials(user, password, "orders")
			.forEach((key, value) -> files.put(key, value.toString()));
		return files;
	}

	private static String currentUser(Connection connection) throws SQLException {
		try (Statement statement = connection.createStatement();
				ResultSet result = statement.executeQuery("SELECT current_user")) {
			result.next();
			return result.getString(1);
		}
	}

}
