package dev.btpboot.binding;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import dev.btpboot.testing.TestCertificates;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** Every malformed input fails with a message naming source, binding and field, and no secret. */
class BadBindingInputTests {

	@TempDir
	Path root;

	private ServiceBindingException failure(String vcapServices) {
		return failure(new MockEnvironment().withProperty("VCAP_SERVICES", vcapServices));
	}

	private ServiceBindingException failure(MockEnvironment environment) {
		environment.setProperty("btp.bindings.kubernetes-root",
				environment.getProperty("btp.bindings.kubernetes-root", this.root.resolve("none").toString()));
		ServiceBindingException[] caught = new ServiceBindingException[1];
		assertThatExceptionOfType(ServiceBindingException.class)
			.isThrownBy(() -> ServiceBindingsLoader.load(environment))
			.satisfies((ex) -> caught[0] = ex);
		assertThat(caught[0].getMessage() + caught[0].getAction()).doesNotContain(BindingFixtures.XSUAA_SECRET,
				BindingFixtures.CONNECTIVITY_SECRET, "PRIVATE KEY", "MII");
		return caught[0];
	}

	private static String xsuaaWith(Consumer<Map<String, Object>> change) {
		Map<String, Object> credentials = BindingFixtures.xsuaaX509Credentials();
		change.accept(credentials);
		return BindingFixtures
			.vcap(BindingFixtures.vcapEntry("xsuaa", "bookshop-uaa", "application", List.of(), credentials));
	}

	@Test
	void malformedVcapServicesNamesThePositionNotTheContent() {
		String json = "{\"xsuaa\": [{\"name\": \"a\", \"credentials\": {\"clientsecret\": \""
				+ BindingFixtures.XSUAA_SECRET + "\" " + BindingFixtures.CONNECTIVITY_SECRET + "}}]}";
		ServiceBindingException ex = failure(json);
		assertThat(ex.getSource()).isEqualTo("VCAP_SERVICES");
		assertThat(ex.getMessage()).startsWith("Service bindings from VCAP_SERVICES: is not valid JSON at line 1");
	}

	@Test
	void vcapServicesOfTheWrongShape() {
		assertThat(failure("[1, 2]").getMessage()).contains("is not a JSON object");
		assertThat(failure("{\"xsuaa\": 42}").getMessage()).contains("is not an object of service arrays");
	}

	@Test
	void missingRequiredFieldNamesBindingAndField() {
		ServiceBindingException ex = failure(xsuaaWith((c) -> c.remove("uaadomain")));
		assertThat(ex.getMessage())
			.isEqualTo("Service binding 'bookshop-uaa' from VCAP_SERVICES, field 'uaadomain': missing");
		assertThat(ex.getBinding()).isEqualTo("bookshop-uaa");
		assertThat(ex.getField()).isEqualTo("uaadomain");
	}

	@Test
	void secretBindingWithoutSecret() {
		ServiceBindingException ex = failure(BindingFixtures.vcap(BindingFixtures.vcapEntry("connectivity", "conn",
				"lite", List.of(), Map.of("clientid", "c", "url", "https://x.example"))));
		assertThat(ex.getField()).isEqualTo("clientsecret");
	}

	@Test
	void x509BindingWithoutCertUrl() {
		assertThat(failure(xsuaaWith((c) -> c.remove("certurl"))).getField()).isEqualTo("certurl");
	}

	@Test
	void certificateThatDoesNotParse() {
		ServiceBindingException ex = failure(xsuaaWith((c) -> c.put("certificate",
				"-----BEGIN CERTIFICATE-----\nTUlJbm90LWEtY2VydA==\n-----END CERTIFICATE-----")));
		assertThat(ex.getField()).isEqualTo("certificate");
		assertThat(ex.getMessage()).contains("not a valid X.509 certificate");
	}

	@Test
	void keyThatDoesNotParse() {
		ServiceBindingException ex = failure(
				xsuaaWith((c) -> c.put("key", "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----")));
		assertThat(ex.getField()).isEqualTo("key");
		assertThat(ex.getMessage()).contains("not a valid RSA or EC key");
	}

	@Test
	void keyWhoseDerLengthRunsPastTheEnd() {
		// 30 84 01: a SEQUENCE whose four length bytes are cut off after one (also a fuzz seed)
		ServiceBindingException ex = failure(xsuaaWith(
				(c) -> c.put("key", "-----BEGIN EC PRIVATE KEY-----\nMIQB\n-----END EC PRIVATE KEY-----\n")));
		assertThat(ex.getField()).isEqualTo("key");
		assertThat(ex.getMessage()).endsWith("the private key is not valid DER");
	}

	@Test
	void keyThatDoesNotMatchItsCertificate() {
		ServiceBindingException ex = failure(
				xsuaaWith((c) -> c.put("key", TestCertificates.selfSignedRsa("other").privateKeyPem())));
		assertThat(ex.getField()).isEqualTo("key");
		assertThat(ex.getMessage()).contains("does not match the certificate");
		assertThat(ex.getAction()).contains("'certificate'", "'key'");
	}

	@Test
	void portThatIsNotANumber() {
		Map<String, Object> credentials = BindingFixtures.connectivityCredentials();
		credentials.put("onpremise_socks5_proxy_port", "twenty");
		ServiceBindingException ex = failure(BindingFixtures
			.vcap(BindingFixtures.vcapEntry("connectivity", "conn", "lite", List.of(), credentials)));
		assertThat(ex.getMessage()).isEqualTo(
				"Service binding 'conn' from VCAP_SERVICES, field 'onpremise_socks5_proxy_port': is not a TCP port (1-65535)");
	}

	@Test
	void fallbackFieldAtFaultIsTheOneNamed() {
		Map<String, Object> credentials = BindingFixtures.connectivityCredentials();
		credentials.remove("onpremise_proxy_http_port");
		credentials.put("onpremise_proxy_port", "proxy");
		ServiceBindingException ex = failure(BindingFixtures
			.vcap(BindingFixtures.vcapEntry("connectivity", "conn", "lite", List.of(), credentials)));
		assertThat(ex.getField()).isEqualTo("onpremise_proxy_port");

		credentials.put("onpremise_proxy_port", "20003");
		credentials.remove("token_service_url");
		credentials.put("url", "https://");
		assertThat(failure(BindingFixtures
			.vcap(BindingFixtures.vcapEntry("connectivity", "conn", "lite", List.of(), credentials))).getField())
			.isEqualTo("url");

		credentials.remove("url");
		assertThat(failure(BindingFixtures
			.vcap(BindingFixtures.vcapEntry("connectivity", "conn", "lite", List.of(), credentials))).getMessage())
			.endsWith("field 'token_service_url': missing (also looked for url)");
	}

	@Test
	void malformedLocalFile() throws IOException {
		Path file = Files.writeString(this.root.resolve("default-env.json"),
				"{\n  \"VCAP_SERVICES\": {\n    \"xsuaa\": [ " + BindingFixtures.XSUAA_SECRET + " ]\n  }\n}");
		ServiceBindingException ex = failure(
				new MockEnvironment().withProperty("btp.bindings.local-file", file.toString()));
		assertThat(ex.getMessage()).matches("Service bindings from local file \\Q" + file
				+ "\\E: is not valid JSON at line 3, column \\d+");
	}

	@Test
	void unreadableLocalFile() {
		Path file = this.root.resolve("absent.json");
		ServiceBindingException ex = failure(
				new MockEnvironment().withProperty("btp.bindings.local-file", file.toString()));
		assertThat(ex.getMessage()).contains("local file " + file, "cannot be read");
		assertThat(ex.getAction()).contains("btp.bindings.local-file");
	}

	@Test
	void metadataNamingAMissingFile() throws IOException {
		KubernetesBindingsTests.writeOperatorBinding(this.root.resolve("uaa"), Map.of("type", "xsuaa"),
				Map.of("clientid", "sb-x"), """
						{"metaDataProperties":[{"name":"type","format":"text"}],
						 "credentialProperties":[{"name":"clientid","format":"text"},{"name":"clientsecret","format":"text"}]}""");
		ServiceBindingException ex = failure(
				new MockEnvironment().withProperty("btp.bindings.kubernetes-root", this.root.toString()));
		assertThat(ex.getBinding()).isEqualTo("uaa");
		assertThat(ex.getField()).isEqualTo("clientsecret");
		assertThat(ex.getMessage()).contains("is missing");
		assertThat(ex.getAction()).contains(".metadata");
	}

	@Test
	void malformedMetadata() throws IOException {
		KubernetesBindingsTests.writeOperatorBinding(this.root.resolve("uaa"), Map.of(), Map.of(), "{not json");
		ServiceBindingException ex = failure(
				new MockEnvironment().withProperty("btp.bindings.kubernetes-root", this.root.toString()));
		assertThat(ex.getSource()).endsWith("uaa/.metadata");
		assertThat(ex.getMessage()).contains("is not valid JSON at line 1");
	}

	@Test
	void jsonEntryThatIsNotJson() throws IOException {
		KubernetesBindingsTests.writeOperatorBinding(this.root.resolve("ias"), Map.of("type", "identity"),
				Map.of("domains", "[accounts.ondemand.com"), """
						{"metaDataProperties":[{"name":"type","format":"text"}],
						 "credentialProperties":[{"name":"domains","format":"json"}]}""");
		ServiceBindingException ex = failure(
				new MockEnvironment().withProperty("btp.bindings.kubernetes-root", this.root.toString()));
		assertThat(ex.getSource()).endsWith("ias/domains");
	}

}
