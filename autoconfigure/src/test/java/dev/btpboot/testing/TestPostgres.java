package dev.btpboot.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import javax.sql.DataSource;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import tools.jackson.databind.json.JsonMapper;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * An embedded PostgreSQL 17 (zonky's Maven Central binaries, no Docker) for one test class, on a
 * random port of the loopback interface, set up as PostgreSQL on SAP BTP is: TLS on, application
 * users authenticate with a password (SCRAM) over TLS only, and the server's certificate is
 * issued for {@code localhost} by a CA of its own ({@link #ca()}), which a binding hands to the
 * application as {@code sslrootcert}. The superuser {@code postgres} connects without a password
 * from loopback, for the tests' own set-up.
 * <p>
 * PostgreSQL refuses to run as root; as root, zonky runs {@code initdb} and {@code pg_ctl} under
 * {@code unshare -U} (a user namespace), which needs {@code unshare} (util-linux) and
 * unprivileged user namespaces. Register it as {@code @RegisterExtension static}, or call
 * {@link #start()} and {@link #close()}.
 */
public final class TestPostgres implements BeforeAllCallback, AfterAllCallback, AutoCloseable {

	private static final String HBA = """
			local all all trust
			host all postgres 127.0.0.1/32 trust
			host all postgres ::1/128 trust
			hostssl all all 127.0.0.1/32 scram-sha-256
			hostssl all all ::1/128 scram-sha-256
			""";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final TestCertificates.Issued ca = TestCertificates.certificateAuthority("Test Database Root CA");

	private final TestCertificates.Issued server = TestCertificates.issue("localhost", TestCertificates.rsaKeyPair(),
			this.ca);

	private Path configuration;

	private EmbeddedPostgres postgres;

	@Override
	public void beforeAll(ExtensionContext context) {
		start();
	}

	@Override
	public void afterAll(ExtensionContext context) {
		close();
	}

	/** Starts the server. */
	public void start() {
		try {
			this.configuration = Files.createTempDirectory("btp-test-postgres-");
			Path certificate = write("server.crt", this.server.certificatePem());
			Path key = write("server.key", this.server.privateKeyPem());
			Path hba = write("pg_hba.conf", HBA);
			this.postgres = EmbeddedPostgres.builder()
				.setServerConfig("listen_addresses", "localhost")
				.setServerConfig("ssl", "on")
				.setServerConfig("ssl_cert_file", certificate.toString())
				.setServerConfig("ssl_key_file", key.toString())
				.setServerConfig("hba_file", hba.toString())
				.setServerConfig("password_encryption", "scram-sha-256")
				.start();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Embedded PostgreSQL did not start (as root it needs 'unshare -U')", ex);
		}
	}

	private Path write(String name, String content) throws IOException {
		Path file = this.configuration.resolve(name);
		Files.writeString(file, content);
		// PostgreSQL refuses a key file that others can read
		Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
		return file;
	}

	@Override
	public void close() {
		try {
			if (this.postgres != null) {
				this.postgres.close();
				this.postgres = null;
			}
			if (this.configuration != null) {
				try (Stream<Path> files = Files.walk(this.configuration)) {
					for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
						Files.delete(file);
					}
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** @return the port the server listens on (loopback only) */
	public int port() {
		return this.postgres.getPort();
	}

	/** @return the CA that issued the server's certificate */
	public TestCertificates.Issued ca() {
		return this.ca;
	}

	/** @return the superuser's connections to database {@code postgres}, without TLS */
	public DataSource admin() {
		return this.postgres.getPostgresDatabase(Map.of("sslmode", "disable"));
	}

	/**
	 * Runs statements as the superuser, in database {@code postgres}.
	 * @param statements SQL statements
	 */
	public void execute(String... statements) {
		executeIn("postgres", statements);
	}

	/**
	 * Runs statements as the superuser, in the given database.
	 * @param database the database
	 * @param statements SQL statements
	 */
	public void executeIn(String database, String... statements) {
		try (Connection connection = this.postgres.getDatabase("postgres", database, Map.of("sslmode", "disable"))
			.getConnection(); Statement statement = connection.createStatement()) {
			for (String sql : statements) {
				statement.execute(sql);
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * @param database the database
	 * @param query a query, run as the superuser
	 * @return the first column of its first row, as text
	 */
	public String queryIn(String database, String query) {
		try (Connection connection = this.postgres.getDatabase("postgres", database, Map.of("sslmode", "disable"))
			.getConnection(); Statement statement = connection.createStatement();
				ResultSet result = statement.executeQuery(query)) {
			result.next();
			return result.getString(1);
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Creates a login role and a database it owns, as the service broker does for a binding.
	 * @param user the role (a plain identifier)
	 * @param password its password (no single quotes)
	 * @param database the database (a plain identifier)
	 */
	public void createUserAndDatabase(String user, String password, String database) {
		execute("CREATE ROLE " + user + " LOGIN PASSWORD '" + password + "'",
				"CREATE DATABASE " + database + " OWNER " + user);
	}

	/**
	 * The credentials of a PostgreSQL on SAP BTP binding ({@code postgresql-db}) for this server.
	 * @param user the user
	 * @param password the password
	 * @param database the database
	 * @return the credentials as the service broker writes them
	 */
	public Map<String, Object> postgresqlDbCredentials(String user, String password, String database) {
		Map<String, Object> credentials = new LinkedHashMap<>();
		credentials.put("dbname", database);
		credentials.put("hostname", "localhost");
		credentials.put("password", password);
		credentials.put("port", String.valueOf(port()));
		credentials.put("sslcert", this.ca.certificatePem());
		credentials.put("sslrootcert", this.ca.certificatePem());
		credentials.put("uri", "postgres://" + user + ":" + password + "@localhost:" + port() + "/" + database);
		credentials.put("username", user);
		return credentials;
	}

	/**
	 * {@code VCAP_SERVICES} with PostgreSQL on SAP BTP bindings (label {@code postgresql-db}, plan
	 * {@code standard}) as Cloud Foundry sets it.
	 * @param credentialsByName binding name to credentials
	 * @return the JSON
	 */
	public static String vcapServices(Map<String, Map<String, Object>> credentialsByName) {
		return JSON.writeValueAsString(Map.of("postgresql-db", credentialsByName.entrySet()
			.stream()
			.map((binding) -> Map.of("name", binding.getKey(), "label", "postgresql-db", "plan", "standard", "tags",
					List.of("relational", "postgresql"), "credentials", binding.getValue()))
			.toList()));
	}

}
