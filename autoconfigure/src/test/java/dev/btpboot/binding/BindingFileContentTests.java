package dev.btpboot.binding;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.btpboot.testing.KubeletSecretVolume;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** What a Kubernetes binding file holds: text, bytes, and names in .metadata. */
class BindingFileContentTests {

	@TempDir
	Path root;

	private ServiceBindings load() {
		return ServiceBindingsLoader
			.load(new MockEnvironment().withProperty("btp.bindings.kubernetes-root", this.root.toString()));
	}

	private static byte[] truststore() throws Exception {
		KeyStore store = KeyStore.getInstance("PKCS12");
		store.load(null, null);
		store.setCertificateEntry("ca", (Certificate) BindingFixtures.XSUAA_CERT.certificate());
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		store.store(out, "changeit".toCharArray());
		return out.toByteArray();
	}

	private static Map<String, byte[]> utf8(Map<String, Object> entries) {
		Map<String, byte[]> bytes = new LinkedHashMap<>();
		entries.forEach((key, value) -> bytes.put(key, value.toString().getBytes(StandardCharsets.UTF_8)));
		return bytes;
	}

	@Test
	void binaryEntryOfAServiceBindingIoBindingIsKeptAsBytes() throws Exception {
		byte[] truststore = truststore();
		Map<String, byte[]> postgres = utf8(Map.of("type", "postgresql", "provider", "bitnami", "host",
				"db.example", "password", "pg-secret"));
		postgres.put("truststore.p12", truststore);
		KubeletSecretVolume.mountBytes(this.root.resolve("orders-db"), postgres);
		Map<String, byte[]> connectivity = utf8(new LinkedHashMap<>(BindingFixtures.connectivityCredentials()));
		connectivity.put("type", "connectivity".getBytes(StandardCharsets.UTF_8));
		connectivity.put("truststore.p12", truststore);
		KubeletSecretVolume.mountBytes(this.root.resolve("connectivity"), connectivity);

		ServiceBindings bindings = load();

		assertThat(bindings.find("postgresql").orElseThrow().credentials().get("truststore.p12")).isEqualTo(truststore);
		assertThat(bindings.find("postgresql").orElseThrow().credentials()).containsEntry("host", "db.example");
		assertThat(bindings.connectivity().orElseThrow().proxySocks5Port()).isEqualTo(20004);
		assertThat(bindings.find("connectivity").orElseThrow().credentials().get("truststore.p12"))
			.isEqualTo(truststore);
	}

	@Test
	void binaryEntryFailsWhereATypedViewNeedsItAsText() throws Exception {
		Map<String, byte[]> connectivity = utf8(new LinkedHashMap<>(BindingFixtures.connectivityCredentials()));
		connectivity.put("type", "connectivity".getBytes(StandardCharsets.UTF_8));
		connectivity.put("clientsecret", new byte[] { (byte) 0xff, (byte) 0xfe, 0x00, (byte) 0xc3 });
		KubeletSecretVolume.mountBytes(this.root.resolve("connectivity"), connectivity);

		assertThatExceptionOfType(ServiceBindingException.class).isThrownBy(this::load)
			.withMessage("Service binding 'connectivity' from Kubernetes binding " + this.root.resolve("connectivity")
					+ ", field 'clientsecret': is binary, not UTF-8 text")
			.satisfies((ex) -> assertThat(ex.getField()).isEqualTo("clientsecret"));
	}

	@Test
	void nulInAMetadataNameIsABindingErrorNotAnInvalidPath() throws IOException {
		KubeletSecretVolume.mount(this.root.resolve("uaa"), Map.of("type", "xsuaa", "clientid", "sb-x", ".metadata", """
				{"metaDataProperties": [{"name": "type", "format": "text"}],
				 "credentialProperties": [{"name": "client\\u0000id", "format": "text"}]}"""));

		assertThatExceptionOfType(ServiceBindingException.class).isThrownBy(this::load)
			.satisfies((ex) -> assertThat(ex.getSource()).endsWith("uaa/.metadata"))
			.satisfies((ex) -> assertThat(ex.getBinding()).isEqualTo("uaa"))
			.withMessageContaining("is not a plain file name of the binding directory");
	}

	@Test
	void sourceNameThatLeavesTheBindingDirectoryIsRefused() throws IOException {
		KubeletSecretVolume.mount(this.root.resolve("other"), Map.of("type", "postgresql", "password", "pg-secret"));
		KubeletSecretVolume.mount(this.root.resolve("uaa"), Map.of("type", "xsuaa", ".metadata", """
				{"metaDataProperties": [{"name": "type", "format": "text"}],
				 "credentialProperties": [{"name": "clientsecret", "sourceName": "../other/password", "format": "text"}]}"""));

		assertThatExceptionOfType(ServiceBindingException.class).isThrownBy(this::load)
			.satisfies((ex) -> assertThat(ex.getField()).isEqualTo("clientsecret"))
			.withMessageContaining("is not a plain file name of the binding directory")
			.withMessageNotContaining("pg-secret");
	}

	@Test
	void serviceTypeMustBeText() throws IOException {
		KubeletSecretVolume.mountBytes(this.root.resolve("odd"), Map.of("type", new byte[] { (byte) 0xc3, 0x28 }));

		assertThatExceptionOfType(ServiceBindingException.class).isThrownBy(this::load)
			.satisfies((ex) -> assertThat(ex.getField()).isEqualTo("type"))
			.withMessageEndingWith("is not UTF-8 text");
	}

}
