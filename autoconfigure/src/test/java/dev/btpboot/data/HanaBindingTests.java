package dev.btpboot.data;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.btpboot.binding.BindingsAutoConfiguration;
import dev.btpboot.binding.ServiceBinding;
import dev.btpboot.binding.ServiceBindings;
import dev.btpboot.testing.TestCertificates;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SAP HANA Cloud bindings (plans {@code hdi-shared} and {@code schema}) become connection details
 * without a server (there is none here, nor its driver, which SAP licenses under its own terms):
 * the binding's URL with {@code currentschema}, always encrypted and the certificate validated, the
 * binding's certificate as trust when it has one.
 */
@ExtendWith(OutputCaptureExtension.class)
class HanaBindingTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final String PASSWORD = "Hdi-S3cr3t-runtime-pw";

	private static final TestCertificates.Issued CA = TestCertificates.certificateAuthority("DigiCert Global Root CA");

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(BindingsAutoConfiguration.class,
				DatabaseBindingAutoConfiguration.class, DataSourceAutoConfiguration.class))
		.withPropertyValues("btp.bindings.kubernetes-root=/nonexistent");

	@Test
	void theBindingsUrlIsUsedAsGivenWithEncryptionAndValidationForced() {
		BindingJdbcConnectionDetails details = details(hdiShared(false));
		assertThat(details.getJdbcUrl()).isEqualTo("jdbc:sap://8e1f3c.hana.prod-eu10.hanacloud.ondemand.com:443"
				+ "?encrypt=true&validateCertificate=true&currentschema=8E1F3C0D5A1B4C2D");
		assertThat(details.getUsername()).isEqualTo("8E1F3C0D5A1B4C2D_RT");
		assertThat(details.getPassword()).isEqualTo(PASSWORD);
		assertThat(details.getDriverClassName()).isEqualTo("com.sap.db.jdbc.Driver");
		assertThat(details.kind()).isEqualTo(DatabaseBindings.Kind.HANA);
	}

	@Test
	void aBindingThatSwitchesValidationOffStillValidates() {
		Map<String, Object> credentials = hdiShared(false);
		credentials.put("url", "jdbc:sap://db.example.com:443?encrypt=false&validateCertificate=false&currentschema=S");
		assertThat(details(credentials).getJdbcUrl())
			.isEqualTo("jdbc:sap://db.example.com:443?encrypt=true&validateCertificate=true&currentschema=S");
	}

	@Test
	void theBindingsCertificateIsTheTrustStoreInline() {
		String url = details(hdiShared(true)).getJdbcUrl();
		assertThat(url).contains("&sslTrustStore=-----BEGIN CERTIFICATE-----MII")
			.endsWith("-----END CERTIFICATE-----")
			.doesNotContain("\n", PASSWORD);
	}

	@Test
	void withoutAUrlHostPortAndSchemaMakeOne() {
		Map<String, Object> credentials = hdiShared(false);
		credentials.remove("url");
		assertThat(details(credentials).getJdbcUrl())
			.isEqualTo("jdbc:sap://8e1f3c.hana.prod-eu10.hanacloud.ondemand.com:443"
					+ "?encrypt=true&validateCertificate=true&currentschema=8E1F3C0D5A1B4C2D");
	}

	@Test
	void withoutTheHanaDriverTheStartIsRefusedNamingIt(CapturedOutput output) {
		this.runner.withPropertyValues(vcap(hdiShared(true))).run((context) -> {
			FailureAnalysis analysis = new DatabaseFailureAnalyzer().analyze(context.getStartupFailure());
			assertThat(analysis.getDescription()).contains("'app-hdi'", "com.sap.cloud.db.jdbc:ngdbc");
			assertThat(output).doesNotContain(PASSWORD);
		});
	}

	@Test
	void schemaIsolationWithHanaRefusesTheStartAndSaysWhy() {
		this.runner.withPropertyValues(vcap(hdiShared(false)), "btp.tenancy.data.isolation=schema").run((context) -> {
			FailureAnalysis analysis = new DatabaseFailureAnalyzer().analyze(context.getStartupFailure());
			assertThat(analysis.getDescription()).contains("SAP HANA Cloud", "HDI container per tenant");
			assertThat(analysis.getAction()).contains("btp.tenancy.data.isolation");
		});
	}

	private static BindingJdbcConnectionDetails details(Map<String, Object> credentials) {
		ServiceBinding binding = new ServiceBinding("app-hdi", "hana", "hdi-shared", List.of("hana", "database"),
				credentials, "VCAP_SERVICES");
		return new BindingJdbcConnectionDetails(new ServiceBindings(List.of(binding), Map.of()), binding);
	}

	/** As the service broker writes an hdi-shared binding. */
	private static Map<String, Object> hdiShared(boolean withCertificate) {
		Map<String, Object> credentials = new LinkedHashMap<>();
		credentials.put("host", "8e1f3c.hana.prod-eu10.hanacloud.ondemand.com");
		credentials.put("port", "443");
		credentials.put("driver", "com.sap.db.jdbc.Driver");
		credentials.put("url", "jdbc:sap://8e1f3c.hana.prod-eu10.hanacloud.ondemand.com:443"
				+ "?encrypt=true&validateCertificate=true&currentschema=8E1F3C0D5A1B4C2D");
		credentials.put("schema", "8E1F3C0D5A1B4C2D");
		credentials.put("hdi_user", "8E1F3C0D5A1B4C2D_DT");
		credentials.put("hdi_password", "Hdi-design-time-S3cr3t");
		credentials.put("user", "8E1F3C0D5A1B4C2D_RT");
		credentials.put("password", PASSWORD);
		credentials.put("database_id", "8e1f3c0d-5a1b-4c2d-9e8f-7a6b5c4d3e2f");
		if (withCertificate) {
			credentials.put("certificate", CA.certificatePem());
		}
		return credentials;
	}

	private static String vcap(Map<String, Object> credentials) {
		return "VCAP_SERVICES=" + JSON.writeValueAsString(Map.of("hana", List.of(Map.of("name", "app-hdi", "label",
				"hana", "plan", "hdi-shared", "tags", List.of("hana", "database", "relational"), "credentials",
				credentials))));
	}

}
