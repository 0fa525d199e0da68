package dev.btpboot.binding;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.btpboot.testing.TestCertificates;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * PostgreSQL on SAP BTP and SAP HANA Cloud bindings read from every source and layout the
 * readers know (VCAP_SERVICES; Kubernetes: SAP BTP service operator, its layered layout,
 * servicebinding.io), typed, and their errors: the binding and the field, never a value.
 */
class DatabaseCredentialsTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final String PASSWORD = "Pg-S3cr3t-0042";

	private static final TestCertificates.Issued CA = TestCertificates.certificateAuthority("Amazon RDS eu-central-1");

	private static final TestCertificates.Issued OTHER_CA = TestCertificates.certificateAuthority("Amazon RDS Root");

	@TempDir
	Path root;

	@Test
	void postgresqlOnBtpFromVcapServices() {
		Map<String, Object> credentials = postgresqlDb();
		String vcap = JSON.writeValueAsString(Map.of("postgresql-db", List.of(Map.of("name", "orders-db", "label",
				"postgresql-db", "plan", "standard", "tags", List.of("relational", "postgresql"), "credentials",
				credentials))));
		ServiceBindings bindings = ServiceBindingsLoader.load(new MockEnvironment().withProperty("VCAP_SERVICES", vcap)
			.withProperty("btp.bindings.kubernetes-root", "/nonexistent"));

		PostgresCredentials postgres = PostgresCredentials
			.from(bindings.ofService(PostgresCredentials.SERVICE).get(0));

		assertThat(postgres.bindingName()).isEqualTo("orders-db");
		assertThat(postgres.host()).isEqualTo("postgres-0a1b2c.c9akciq32.eu-central-1.rds.amazonaws.com");
		assertThat(postgres.port()).isEqualTo(2345);
		assertThat(postgres.database()).isEqualTo("GkTsRHqAKsbn");
		assertThat(postgres.username()).isEqualTo("b3a1f0c8e2d4");
		assertThat(postgres.password()).isEqualTo(PASSWORD);
		assertThat(postgres.trustedCertificates()).containsExactly(CA.certificate());
	}

	@Test
	void aCaBundleKeepsEveryCertificate() {
		Map<String, Object> credentials = postgresqlDb();
		credentials.put("sslrootcert", CA.certificatePem() + OTHER_CA.certificatePem());
		assertThat(PostgresCredentials.from(binding("postgresql-db", credentials)).trustedCertificates())
			.containsExactly(CA.certificate(), OTHER_CA.certificate());
	}

	@Test
	void missingFieldsAreTakenFromTheUri() {
		Map<String, Object> credentials = new LinkedHashMap<>();
		credentials.put("uri", "postgres://b3a1f0c8e2d4:" + PASSWORD.replace("-", "%2D") + "@db.example.com:6432/orders");
		PostgresCredentials postgres = PostgresCredentials.from(binding("postgresql-db", credentials));
		assertThat(postgres).extracting(PostgresCredentials::host, PostgresCredentials::port,
				PostgresCredentials::database, PostgresCredentials::username, PostgresCredentials::password)
			.containsExactly("db.example.com", 6432, "orders", "b3a1f0c8e2d4", PASSWORD);
		assertThat(postgres.trustedCertificates()).isEmpty();
	}

	@Test
	void errorsNameTheBindingAndFieldButNoValue() {
		Map<String, Object> noPassword = postgresqlDb();
		noPassword.remove("password");
		noPassword.put("uri", "postgres://b3a1f0c8e2d4@db.example.com/orders");
		assertThatExceptionOfType(ServiceBindingException.class)
			.isThrownBy(() -> PostgresCredentials.from(binding("postgresql-db", noPassword)))
			.withMessageContaining("'orders-db'")
			.withMessageContaining("field 'password'")
			.satisfies((ex) -> assertThat(ex.getField()).isEqualTo("password"));

		Map<String, Object> badCa = postgresqlDb();
		badCa.put("sslrootcert", "-----BEGIN CERTIFICATE-----bm90IGEgY2VydA==-----END CERTIFICATE-----");
		assertThatExceptionOfType(ServiceBindingException.class)
			.isThrownBy(() -> PostgresCredentials.from(binding("postgresql-db", badCa)))
			.withMessageContaining("field 'sslrootcert'");

		Map<String, Object> badUri = new LinkedHashMap<>();
		badUri.put("uri", "postgres://user:" + PASSWORD + "@db example/orders");
		assertThatExceptionOfType(ServiceBindingException.class)
			.isThrownBy(() -> PostgresCredentials.from(binding("postgresql-db", badUri)))
			.withMessageContaining("field 'uri'")
			.withMessageNotContaining(PASSWORD);
	}

	@Test
	void toStringNeverShowsThePassword() {
		assertThat(PostgresCredentials.from(binding("postgresql-db", postgresqlDb())).toString())
			.contains("orders-db", "b3a1f0c8e2d4")
			.doesNotContain(PASSWORD);
		assertThat(HanaCredentials.from(binding("hana", hdiShared())).toString()).contains("app-hdi")
			.doesNotContain(PASSWORD);
	}

	@Test
	void postgresqlOnBtpFromTheServiceOperatorOnKyma() throws IOException {
		Path directory = this.root.resolve("orders-db");
		Map<String, String> files = new LinkedHashMap<>();
		files.put("instance_name", "orders-db");
		files.put("label", "postgresql-db");
		files.put("type", "postgresql-db");
		files.put("plan", "standard");
		files.put("tags", "[\"relational\",\"postgresql\"]");
		postgresqlDb().forEach((key, value) -> files.put(key, value.toString()));
		write(directory, files);
		Files.writeString(directory.resolve(".metadata"), """
				{"metaDataProperties":[{"name":"instance_name","format":"text"},{"name":"label","format":"text"},
				 {"name":"type","format":"text"},{"name":"plan","format":"text"},{"name":"tags","format":"json"}],
				 "credentialProperties":[{"name":"dbname","format":"text"},{"name":"hostname","format":"text"},
				 {"name":"password","format":"text"},{"name":"port","format":"text"},{"name":"sslcert","format":"text"},
				 {"name":"sslrootcert","format":"text"},{"name":"uri","format":"text"},{"name":"username","format":"text"}]}""");

		ServiceBinding binding = kubernetes().ofService(PostgresCredentials.SERVICE).get(0);

		PostgresCredentials postgres = PostgresCredentials.from(binding);
		assertThat(postgres.username()).isEqualTo("b3a1f0c8e2d4");
		assertThat(postgres.password()).isEqualTo(PASSWORD);
		assertThat(postgres.port()).isEqualTo(2345);
		assertThat(postgres.trustedCertificates()).containsExactly(CA.certificate());
	}

	@Test
	void postgresqlFromAServiceBindingIoBinding() throws IOException {
		write(this.root.resolve("orders-db"),
				Map.of("type", "postgresql", "provider", "sap", "host", "db.example.com", "port", "5432", "database",
						"orders", "username", "orders_user", "password", PASSWORD + "\n"));

		ServiceBinding binding = kubernetes().ofService(PostgresCredentials.SERVICE_BINDING_TYPE).get(0);

		assertThat(PostgresCredentials.from(binding)).extracting(PostgresCredentials::host,
				PostgresCredentials::database, PostgresCredentials::username, PostgresCredentials::password)
			.containsExactly("db.example.com", "orders", "orders_user", PASSWORD);
	}

	@Test
	void postgresqlOnBtpFromTheLayeredLayout() throws IOException {
		Map<String, String> files = new LinkedHashMap<>();
		files.put("plan", "standard");
		postgresqlDb().forEach((key, value) -> files.put(key, value.toString()));
		write(this.root.resolve("postgresql-db").resolve("orders-db"), files);

		ServiceBinding binding = kubernetes().ofService(PostgresCredentials.SERVICE).get(0);

		assertThat(binding.name()).isEqualTo("orders-db");
		assertThat(PostgresCredentials.from(binding).password()).isEqualTo(PASSWORD);
	}

	@Test
	void hanaHdiSharedFromTheServiceOperatorOnKyma() throws IOException {
		Path directory = this.root.resolve("app-hdi");
		Map<String, String> files = new LinkedHashMap<>();
		files.put("label", "hana");
		files.put("plan", "hdi-shared");
		hdiShared().forEach((key, value) -> files.put(key, value.toString()));
		write(directory, files);
		Files.writeString(directory.resolve(".metadata"), """
				{"metaDataProperties":[{"name":"label","format":"text"},{"name":"plan","format":"text"}],
				 "credentialProperties":[{"name":"host","format":"text"},{"name":"port","format":"text"},
				 {"name":"url","format":"text"},{"name":"schema","format":"text"},{"name":"user","format":"text"},
				 {"name":"password","format":"text"},{"name":"certificate","format":"text"},{"name":"driver","format":"text"}]}""");

		HanaCredentials hana = HanaCredentials.from(kubernetes().ofService(HanaCredentials.SERVICE).get(0));

		assertThat(hana.url()).startsWith("jdbc:sap://8e1f3c.hana.prod-eu10.hanacloud.ondemand.com:443?");
		assertThat(hana.user()).isEqualTo("8E1F3C0D5A1B4C2D_RT");
		assertThat(hana.password()).isEqualTo(PASSWORD);
		assertThat(hana.schema()).isEqualTo("8E1F3C0D5A1B4C2D");
		assertThat(hana.trustedCertificates()).containsExactly(CA.certificate());
	}

	@Test
	void hanaNeedsAUrlOrHostAndPort() {
		Map<String, Object> credentials = hdiShared();
		credentials.remove("url");
		credentials.remove("host");
		assertThatExceptionOfType(ServiceBindingException.class)
			.isThrownBy(() -> HanaCredentials.from(binding("hana", credentials)))
			.withMessageContaining("field 'host'");
		Map<String, Object> notJdbc = hdiShared();
		notJdbc.put("url", "https://8e1f3c.hana.example.com");
		assertThatExceptionOfType(ServiceBindingException.class)
			.isThrownBy(() -> HanaCredentials.from(binding("hana", notJdbc)))
			.withMessageContaining("field 'url'");
	}

	private ServiceBindings kubernetes() {
		return ServiceBindingsLoader
			.load(new MockEnvironment().withProperty("btp.bindings.kubernetes-root", this.root.toString()));
	}

	private static void write(Path directory, Map<String, String> files) throws IOException {
		Files.createDirectories(directory);
		for (Map.Entry<String, String> file : files.entrySet()) {
			Files.writeString(directory.resolve(file.getKey()), file.getValue());
		}
	}

	private static ServiceBinding binding(String service, Map<String, Object> credentials) {
		return new ServiceBinding(service.equals("hana") ? "app-hdi" : "orders-db", service, null, List.of(),
				credentials, "VCAP_SERVICES");
	}

	/** As the PostgreSQL on SAP BTP broker writes a binding (AWS). */
	private static Map<String, Object> postgresqlDb() {
		Map<String, Object> credentials = new LinkedHashMap<>();
		credentials.put("dbname", "GkTsRHqAKsbn");
		credentials.put("hostname", "postgres-0a1b2c.c9akciq32.eu-central-1.rds.amazonaws.com");
		credentials.put("password", PASSWORD);
		credentials.put("port", "2345");
		credentials.put("sslcert", CA.certificatePem());
		credentials.put("sslrootcert", CA.certificatePem());
		credentials.put("uri", "postgres://b3a1f0c8e2d4:" + PASSWORD
				+ "@postgres-0a1b2c.c9akciq32.eu-central-1.rds.amazonaws.com:2345/GkTsRHqAKsbn");
		credentials.put("username", "b3a1f0c8e2d4");
		return credentials;
	}

	private static Map<String, Object> hdiShared() {
		Map<String, Object> credentials = new LinkedHashMap<>();
		credentials.put("host", "8e1f3c.hana.prod-eu10.hanacloud.ondemand.com");
		credentials.put("port", "443");
		credentials.put("url", "jdbc:sap://8e1f3c.hana.prod-eu10.hanacloud.ondemand.com:443"
				+ "?encrypt=true&validateCertificate=true&currentschema=8E1F3C0D5A1B4C2D");
		credentials.put("schema", "8E1F3C0D5A1B4C2D");
		credentials.put("user", "8E1F3C0D5A1B4C2D_RT");
		credentials.put("password", PASSWORD);
		credentials.put("certificate", CA.certificatePem());
		credentials.put("driver", "com.sap.db.jdbc.Driver");
		return credentials;
	}

}
