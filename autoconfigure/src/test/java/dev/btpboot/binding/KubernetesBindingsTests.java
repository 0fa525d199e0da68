package dev.btpboot.binding;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

class KubernetesBindingsTests {

	@TempDir
	Path root;

	private ServiceBindings load() {
		return ServiceBindingsLoader
			.load(new MockEnvironment().withProperty("btp.bindings.kubernetes-root", this.root.toString()));
	}

	/** Writes a binding as the SAP BTP service operator does: one file per key plus .metadata. */
	static void writeOperatorBinding(Path directory, Map<String, String> metadataFiles,
			Map<String, String> credentialFiles, String metadata) throws IOException {
		Files.createDirectories(directory);
		for (Map.Entry<String, String> file : metadataFiles.entrySet()) {
			Files.writeString(directory.resolve(file.getKey()), file.getValue());
		}
		for (Map.Entry<String, String> file : credentialFiles.entrySet()) {
			Files.writeString(directory.resolve(file.getKey()), file.getValue());
		}
		Files.writeString(directory.resolve(".metadata"), metadata);
	}

	@Test
	void readsSapServiceOperatorLayoutWithTextAndJsonEntries() throws IOException {
		writeOperatorBinding(this.root.resolve("bookshop-ias"),
				Map.of("instance_name", "bookshop-ias", "type", "identity", "label", "identity", "plan", "application",
						"tags", "[\"ias\"]"),
				Map.of("clientid", "0c3b5a0e-7b71-4d0a-a6a8-6f0f2d1e3c4b", "credential-type", "X509_GENERATED",
						"certificate", BindingFixtures.IDENTITY_CERT.certificatePem(), "key",
						BindingFixtures.IDENTITY_CERT.privateKeyPem(), "url", "https://acme.accounts.ondemand.com\n",
						"domains", "[\"accounts.ondemand.com\"]", "app_tid", "d6f0b7a2-6c0e-4a9a-8f3b-1e2d3c4b5a69"),
				"""
						{"metaDataProperties":[{"name":"instance_name","format":"text"},{"name":"type","format":"text"},
						 {"name":"label","format":"text"},{"name":"plan","format":"text"},{"name":"tags","format":"json"}],
						 "credentialProperties":[{"name":"clientid","format":"text"},{"name":"credential-type","format":"text"},
						 {"name":"certificate","format":"text"},{"name":"key","format":"text"},{"name":"url","format":"text"},
						 {"name":"domains","format":"json"},{"name":"app_tid","format":"text"}]}""");

		ServiceBindings bindings = load();

		ServiceBinding binding = bindings.find("identity").orElseThrow();
		assertThat(binding.name()).isEqualTo("bookshop-ias");
		assertThat(binding.plan()).isEqualTo("application");
		assertThat(binding.tags()).containsExactly("ias");
		assertThat(binding.source()).isEqualTo("Kubernetes binding " + this.root.resolve("bookshop-ias"));
		assertThat(binding.credentials().get("domains")).isEqualTo(List.of("accounts.ondemand.com"));
		IdentityCredentials identity = bindings.identity().orElseThrow();
		assertThat(identity.url()).isEqualTo(URI.create("https://acme.accounts.ondemand.com"));
		assertThat(identity.domains()).containsExactly("accounts.ondemand.com");
		assertThat(identity.authentication()).isInstanceOf(X509Identity.class);
	}

	@Test
	void flattensContainerEntriesOfTheOperatorLayout() throws IOException {
		writeOperatorBinding(this.root.resolve("bookshop-uaa"), Map.of("type", "xsuaa", "plan", "application"),
				Map.of("credentials", BindingFixtures.json(BindingFixtures.xsuaaSecretCredentials())), """
						{"metaDataProperties":[{"name":"type","format":"text"},{"name":"plan","format":"text"}],
						 "credentialProperties":[{"name":"credentials","format":"json","container":true}]}""");

		XsuaaCredentials xsuaa = load().xsuaa().orElseThrow();

		assertThat(xsuaa.bindingName()).isEqualTo("bookshop-uaa");
		assertThat(xsuaa.clientId()).isEqualTo("sb-bookshop!t12345");
		assertThat(xsuaa.authentication()).isEqualTo(new ClientSecret(BindingFixtures.XSUAA_SECRET));
	}

	@Test
	void readsServiceBindingSpecLayoutAndSkipsDirectoriesWithoutType() throws IOException {
		Path connectivity = Files.createDirectories(this.root.resolve("connectivity"));
		Files.writeString(connectivity.resolve("type"), "connectivity\n");
		Files.writeString(connectivity.resolve("provider"), "sap\n");
		BindingFixtures.connectivityCredentials()
			.forEach((key, value) -> write(connectivity.resolve(key), value + "\n"));
		Files.createDirectories(this.root.resolve("not-a-binding")).resolve("readme.txt").toFile().createNewFile();
		Files.createDirectories(this.root.resolve("..data"));

		ServiceBindings bindings = load();

		assertThat(bindings.all()).extracting(ServiceBinding::name).containsExactly("connectivity");
		ServiceBinding binding = bindings.all().get(0);
		assertThat(binding.tags()).containsExactly("sap");
		assertThat(binding.credentials()).doesNotContainKeys("type", "provider");
		ConnectivityCredentials credentials = bindings.connectivity().orElseThrow();
		assertThat(credentials.proxyHttpPort()).isEqualTo(20003);
		assertThat(credentials.proxySocks5Port()).isEqualTo(20004);
		assertThat(credentials.authentication()).isEqualTo(new ClientSecret(BindingFixtures.CONNECTIVITY_SECRET));
	}

	@Test
	void mergesKubernetesAndVcapAndLocalFile() throws IOException {
		Path destination = Files.createDirectories(this.root.resolve("dest"));
		Files.writeString(destination.resolve("type"), "destination");
		BindingFixtures.destinationCredentials().forEach((key, value) -> write(destination.resolve(key), value.toString()));
		Path localFile = this.root.resolve("default-env.json");
		Files.writeString(localFile, "{\"VCAP_SERVICES\": " + BindingFixtures.vcap(BindingFixtures.vcapEntry("xsuaa",
				"local-uaa", "application", List.of("xsuaa"), BindingFixtures.xsuaaSecretCredentials())) + "}");

		ServiceBindings bindings = ServiceBindingsLoader.load(new MockEnvironment()
			.withProperty("VCAP_SERVICES",
					BindingFixtures.vcap(BindingFixtures.vcapEntry("connectivity", "cf-conn", "lite", List.of(),
							BindingFixtures.connectivityCredentials())))
			.withProperty("SERVICE_BINDING_ROOT", this.root.toString())
			.withProperty("btp.bindings.local-file", localFile.toString()));

		assertThat(bindings.all()).extracting(ServiceBinding::name).containsExactly("cf-conn", "dest", "local-uaa");
		assertThat(bindings.all()).extracting(ServiceBinding::source)
			.containsExactly("VCAP_SERVICES", "Kubernetes binding " + destination, "local file " + localFile);
	}

	@Test
	void localFileMayHoldTheVcapObjectItself() throws IOException {
		Path localFile = this.root.resolve("vcap.json");
		Files.writeString(localFile, BindingFixtures.allServicesVcap());

		ServiceBindings bindings = ServiceBindingsLoader.load(new MockEnvironment()
			.withProperty("btp.bindings.kubernetes-root", this.root.resolve("none").toString())
			.withProperty("btp.bindings.local-file", localFile.toString()));

		assertThat(bindings.all()).hasSize(4);
		assertThat(bindings.identity()).isPresent();
	}

	@Test
	void missingRootMeansNoBindings() {
		ServiceBindings bindings = ServiceBindingsLoader.load(new MockEnvironment()
			.withProperty("btp.bindings.kubernetes-root", this.root.resolve("absent").toString()));
		assertThat(bindings.all()).isEmpty();
		assertThat(bindings.xsuaa()).isEmpty();
	}

	private static void write(Path file, Object value) {
		try {
			Files.writeString(file, value.toString());
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
