package dev.btpboot.binding;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.btpboot.testing.KubeletSecretVolume;
import dev.btpboot.testing.TestCertificates;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The OTLP credentials of SAP Cloud Logging bindings as Cloud Foundry (VCAP_SERVICES) and the SAP
 * BTP service operator on Kubernetes (one file per entry, described by .metadata) hand them over.
 */
class CloudLoggingCredentialsTests {

	private static final TestCertificates.Issued CA = TestCertificates.certificateAuthority("Cloud Logging CA");

	private static final TestCertificates.Issued CLIENT = TestCertificates.issue("cls-client",
			TestCertificates.rsaKeyPair(), CA);

	@TempDir
	Path root;

	@Test
	void aCloudFoundryBindingGivesTheEndpointAsHttpsUrlTheClientIdentityAndTheServerCa() {
		String vcapServices = JsonMapper.shared()
			.writeValueAsString(Map.of("cloud-logging", List.of(Map.of("name", "app-logs", "label", "cloud-logging",
					"plan", "standard", "credentials", credentials()))));
		ServiceBinding binding = VcapServicesReader.fromVcapServices(vcapServices).get(0);
		CloudLoggingCredentials credentials = CloudLoggingCredentials.from(binding);
		assertThat(credentials.bindingName()).isEqualTo("app-logs");
		assertThat(credentials.endpoint()).hasToString("https://ingest-otlp-sf-1234.cls-01.cloud.logs.example:443");
		assertThat(credentials.identity().certificateChain()).containsExactly(CLIENT.certificate());
		assertThat(credentials.serverCa()).containsExactly(CA.certificate());
		assertThat(credentials.toString()).contains("app-logs").doesNotContain("PRIVATE KEY");
	}

	@Test
	void aKubernetesBindingOfTheServiceOperatorGivesTheSameCredentials() {
		Map<String, String> files = new LinkedHashMap<>();
		files.put(".metadata", """
				{"metaDataProperties":[{"name":"instance_name","format":"text"},{"name":"type","format":"text"}],
				 "credentialProperties":[{"name":"ingest-otlp-endpoint","format":"text"},
				 {"name":"ingest-otlp-cert","format":"text"},{"name":"ingest-otlp-key","format":"text"},
				 {"name":"server-ca","format":"text"}]}""");
		files.put("instance_name", "app-logs");
		files.put("type", "cloud-logging");
		files.putAll(credentials());
		KubeletSecretVolume.mount(this.root.resolve("app-logs"), files);
		ServiceBinding binding = new ServiceBindings(KubernetesBindingsReader.read(this.root), Map.of())
			.find(CloudLoggingCredentials.SERVICE)
			.orElseThrow();
		CloudLoggingCredentials credentials = CloudLoggingCredentials.from(binding);
		assertThat(credentials.endpoint()).hasToString("https://ingest-otlp-sf-1234.cls-01.cloud.logs.example:443");
		assertThat(credentials.identity().certificateChain()).containsExactly(CLIENT.certificate());
		assertThat(credentials.serverCa()).containsExactly(CA.certificate());
	}

	@Test
	void aBindingWithoutOtlpIngestionSaysHowToEnableIt() {
		Map<String, Object> withoutOtlp = new LinkedHashMap<>(credentials());
		withoutOtlp.remove("ingest-otlp-endpoint");
		assertThatExceptionOfType(ServiceBindingException.class)
			.isThrownBy(() -> CloudLoggingCredentials.from(binding(withoutOtlp)))
			.satisfies((ex) -> {
				assertThat(ex.getField()).isEqualTo("ingest-otlp-endpoint");
				assertThat(ex.getMessage()).contains("app-logs").contains("missing");
				assertThat(ex.getAction()).contains("\"ingest_otlp\"").contains("btp.observability.enabled=false");
			});
	}

	@Test
	void aKeyThatIsNotTheCertificatesNamesTheKeyFieldAndNeverItsValue() {
		Map<String, Object> mismatched = new LinkedHashMap<>(credentials());
		String otherKey = TestCertificates.selfSignedRsa("other").privateKeyPem();
		mismatched.put("ingest-otlp-key", otherKey);
		assertThatExceptionOfType(ServiceBindingException.class)
			.isThrownBy(() -> CloudLoggingCredentials.from(binding(mismatched)))
			.satisfies((ex) -> {
				assertThat(ex.getField()).isEqualTo("ingest-otlp-key");
				assertThat(ex.getMessage() + ex.getAction()).doesNotContain(otherKey.substring(40, 80))
					.doesNotContain("BEGIN");
			});
	}

	@Test
	void aServerCaThatIsNoCertificateNamesTheField() {
		Map<String, Object> badCa = new LinkedHashMap<>(credentials());
		badCa.put("server-ca", "not a certificate");
		assertThatExceptionOfType(ServiceBindingException.class)
			.isThrownBy(() -> CloudLoggingCredentials.from(binding(badCa)))
			.satisfies((ex) -> assertThat(ex.getField()).isEqualTo("server-ca"));
	}

	private static ServiceBinding binding(Map<String, Object> credentials) {
		return new ServiceBinding("app-logs", CloudLoggingCredentials.SERVICE, "standard", List.of(), credentials,
				"VCAP_SERVICES");
	}

	private static Map<String, String> credentials() {
		Map<String, String> credentials = new LinkedHashMap<>();
		credentials.put("ingest-otlp-endpoint", "ingest-otlp-sf-1234.cls-01.cloud.logs.example:443");
		credentials.put("ingest-otlp-cert", CLIENT.certificatePem());
		credentials.put("ingest-otlp-key", CLIENT.privateKeyPem());
		credentials.put("server-ca", CA.certificatePem());
		return credentials;
	}

}
