package dev.btpboot.binding;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.btpboot.testing.KubeletSecretVolume;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.actuate.info.Info;
import org.springframework.boot.actuate.info.InfoContributor;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Binding shapes SAP's own libraries read (fixtures of SAP's btp-environment-variable-access,
 * rewritten with our values): they must read the same here.
 */
@ExtendWith(OutputCaptureExtension.class)
class SapBindingShapesTests {

	/** SAP BTP service operator's .metadata: the service comes from the file 'label' via 'sourceName'. */
	private static final String TYPE_FROM_LABEL = """
			{"$schema": "https://sap.com/schemas/service-bindings",
			 "metaDataProperties": [
			  {"name": "type", "sourceName": "label", "format": "text"},
			  {"name": "tags", "format": "json"},
			  {"name": "plan", "format": "text"},
			  {"name": "instance_guid", "format": "text"},
			  {"name": "instance_name", "format": "text"}],
			""";

	@TempDir
	Path root;

	private ServiceBindings loadKubernetes() {
		return ServiceBindingsLoader
			.load(new MockEnvironment().withProperty("btp.bindings.kubernetes-root", this.root.toString()));
	}

	private static ServiceBindings loadVcap(String vcapServices, String... properties) {
		MockEnvironment environment = new MockEnvironment().withProperty("VCAP_SERVICES", vcapServices)
			.withProperty("btp.bindings.kubernetes-root", "/nonexistent");
		for (int i = 0; i < properties.length; i += 2) {
			environment.setProperty(properties[i], properties[i + 1]);
		}
		return ServiceBindingsLoader.load(environment);
	}

	private static Map<String, String> operatorMetadataFiles(String plan) {
		Map<String, String> files = new LinkedHashMap<>();
		files.put("label", "xsuaa");
		files.put("tags", "[\"xsuaa\"]");
		files.put("plan", plan);
		files.put("instance_guid", "a61a5a2e-4b0f-4a8c-9d0e-0f6c8e5f1b2a");
		files.put("instance_name", "bookshop-uaa");
		return files;
	}

	@Test
	void operatorEntriesWithSourceNameAreReadFromThatFileAndStoredUnderTheirName(CapturedOutput output)
			throws IOException {
		Map<String, String> dataFiles = operatorMetadataFiles("application");
		dataFiles.put("clientid", "sb-bookshop!t12345");
		dataFiles.put("clientsecret", BindingFixtures.XSUAA_SECRET);
		dataFiles.put("domains", "[\"authentication.eu10.hana.ondemand.com\"]");
		dataFiles.put("url", "https://acme.authentication.eu10.hana.ondemand.com");
		dataFiles.put("uaadomain", "authentication.eu10.hana.ondemand.com");
		dataFiles.put("xsappname", "bookshop!t12345");
		dataFiles.put(".metadata", TYPE_FROM_LABEL + """
				 "credentialProperties": [
				  {"name": "clientid", "format": "text"}, {"name": "clientsecret", "format": "text"},
				  {"name": "domains", "format": "json"}, {"name": "url", "format": "text"},
				  {"name": "uaadomain", "format": "text"}, {"name": "xsappname", "format": "text"}]}""");
		KubeletSecretVolume.mount(this.root.resolve("data-xsuaa-binding"), dataFiles);
		Map<String, String> secretKeyFiles = operatorMetadataFiles("broker");
		secretKeyFiles.put("credentials.json", BindingFixtures.json(BindingFixtures.xsuaaX509Credentials()));
		secretKeyFiles.put(".metadata", TYPE_FROM_LABEL + """
				 "credentialProperties": [
				  {"name": "credentials", "sourceName": "credentials.json", "format": "json", "container": true}]}""");
		KubeletSecretVolume.mount(this.root.resolve("secret-key-xsuaa-binding"), secretKeyFiles);
		Map<String, String> noType = operatorMetadataFiles("application");
		noType.remove("label");
		noType.put("clientid", "sb-other");
		noType.put(".metadata", """
				{"metaDataProperties": [{"name": "plan", "format": "text"}],
				 "credentialProperties": [{"name": "clientid", "format": "text"}]}""");
		KubeletSecretVolume.mount(this.root.resolve("no-type-property"), noType);

		ServiceBindings bindings = loadKubernetes();

		assertThat(bindings.all()).extracting(ServiceBinding::name)
			.containsExactly("data-xsuaa-binding", "secret-key-xsuaa-binding");
		assertThat(bindings.all()).extracting(ServiceBinding::service).containsOnly("xsuaa");
		assertThat(bindings.all()).extracting(ServiceBinding::plan).containsExactly("application", "broker");
		assertThat(bindings.all().get(0).tags()).containsExactly("xsuaa");
		assertThat(bindings.all().get(0).credentials()).containsEntry("domains",
				List.of("authentication.eu10.hana.ondemand.com"));
		assertThat(bindings.all().get(1).credentials()).containsEntry("certurl",
				"https://acme.authentication.cert.eu10.hana.ondemand.com");
		XsuaaCredentials xsuaa = bindings.xsuaa().orElseThrow();
		assertThat(xsuaa.bindingName()).isEqualTo("data-xsuaa-binding");
		assertThat(xsuaa.authentication()).isEqualTo(new ClientSecret(BindingFixtures.XSUAA_SECRET));
		assertThat(output).contains("Skipping " + this.root.resolve("no-type-property")
				+ ": its .metadata names no 'label' or 'type' entry in metaDataProperties");
	}

	@Test
	void vcapEntryWithoutLabelIsOfTheServiceItIsListedUnder() {
		Map<String, Object> destination = BindingFixtures.vcapEntry("destination", "bookshop-destination", "lite",
				List.of(), BindingFixtures.destinationCredentials());
		destination.remove("label");
		Map<String, Object> other = BindingFixtures.vcapEntry("auditlog", "bookshop-auditlog", "standard", List.of(),
				Map.of("url", "https://auditlog.example"));
		other.remove("label");
		String vcap = "{\"destination\": [" + BindingFixtures.json(destination) + "], \"auditlog\": ["
				+ BindingFixtures.json(other) + "]}";

		ServiceBindings bindings = loadVcap(vcap);

		assertThat(bindings.all()).extracting(ServiceBinding::service).containsExactly("destination", "auditlog");
		assertThat(bindings.destination()).map(DestinationCredentials::bindingName).contains("bookshop-destination");
	}

	@Test
	void olderLayeredLayoutIsReadInAllThreeShapes(CapturedOutput output) throws IOException {
		Path xsuaa = this.root.resolve("xsuaa");
		// one file per entry
		Map<String, String> data = new LinkedHashMap<>();
		BindingFixtures.xsuaaSecretCredentials().forEach((key, value) -> data.put(key, value.toString()));
		data.put("label", "xsuaa");
		data.put("plan", "application");
		data.put("tags", "[\"xsuaa\", \"uaa\"]");
		data.put("instance_name", "bookshop-uaa");
		KubeletSecretVolume.mount(xsuaa.resolve("data-binding"), data);
		// the credentials as one JSON file next to metadata files
		KubeletSecretVolume.mount(xsuaa.resolve("secret-key-binding"),
				Map.of("credentials.json", BindingFixtures.json(BindingFixtures.xsuaaX509Credentials()), "plan",
						"broker", "label", "xsuaa", "instance_name", "bookshop-broker"));
		// the whole binding as one JSON file
		Map<String, Object> whole = new LinkedHashMap<>(BindingFixtures.destinationCredentials());
		whole.put("plan", "lite");
		whole.put("label", "destination");
		whole.put("tags", List.of("destination", "conn"));
		KubeletSecretVolume.mount(this.root.resolve("destination").resolve("secret-root-key-binding"),
				Map.of("binding.json", BindingFixtures.json(whole)));
		KubeletSecretVolume.mount(xsuaa.resolve("two-json-files"), Map.of("a.json", "{}", "b.json", "{\"x\": 1}"));
		KubeletSecretVolume.mount(this.root.resolve("stray"), Map.of("readme.txt", "not a binding"));

		// DEBUG on: not even debug logging may show a credential.
		LoggingSystem logging = LoggingSystem.get(getClass().getClassLoader());
		logging.setLogLevel("dev.btpboot", LogLevel.DEBUG);
		ServiceBindings bindings;
		try {
			bindings = loadKubernetes();
		}
		finally {
			logging.setLogLevel("dev.btpboot", null);
		}

		assertThat(bindings.all()).extracting(ServiceBinding::name)
			.containsExactly("secret-root-key-binding", "data-binding", "secret-key-binding");
		assertThat(bindings.ofService("xsuaa")).extracting(ServiceBinding::plan).containsExactly("application",
				"broker");
		assertThat(bindings.ofService("xsuaa").get(0).tags()).containsExactly("xsuaa", "uaa");
		assertThat(bindings.ofService("xsuaa").get(0).credentials()).doesNotContainKeys("plan", "label", "tags",
				"instance_name");
		assertThat(bindings.ofService("xsuaa").get(1).credentials()).containsKeys("certificate", "key", "certurl");
		assertThat(bindings.destination()).map(DestinationCredentials::bindingName).contains("secret-root-key-binding");
		assertThat(bindings.find("destination").orElseThrow().tags()).containsExactly("destination", "conn");
		assertThat(bindings.xsuaa().orElseThrow().authentication())
			.isEqualTo(new ClientSecret(BindingFixtures.XSUAA_SECRET));
		assertThat(output).contains("WARN")
			.contains("Skipping " + xsuaa.resolve("two-json-files"))
			.contains("more than one JSON file [a.json, b.json]")
			.contains("Skipping " + this.root.resolve("stray") + ": neither a binding")
			.contains("Service bindings: ServiceBindings[");
		assertThat(output).doesNotContain(BindingFixtures.XSUAA_SECRET, BindingFixtures.DESTINATION_SECRET,
				"PRIVATE KEY");
	}

	@Test
	void incompleteBindingTheApplicationDoesNotUseIsReportedNotFatal(CapturedOutput output) {
		Map<String, Object> broker = BindingFixtures.xsuaaSecretCredentials();
		broker.remove("clientid");
		broker.put("clientsecret", BindingFixtures.CONNECTIVITY_SECRET);
		String vcap = BindingFixtures.vcap(
				BindingFixtures.vcapEntry("xsuaa", "bookshop-broker", "broker", List.of(), broker),
				BindingFixtures.vcapEntry("xsuaa", "bookshop-uaa", "application", List.of(),
						BindingFixtures.xsuaaSecretCredentials()));

		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(BindingsAutoConfiguration.class))
			.withPropertyValues("btp.bindings.kubernetes-root=/nonexistent", "VCAP_SERVICES=" + vcap)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				ServiceBindings bindings = context.getBean(ServiceBindings.class);
				assertThat(bindings.xsuaa()).map(XsuaaCredentials::bindingName).contains("bookshop-uaa");
				Info.Builder builder = new Info.Builder();
				context.getBean("btpBindingsInfoContributor", InfoContributor.class).contribute(builder);
				@SuppressWarnings("unchecked")
				List<Map<String, Object>> entries = (List<Map<String, Object>>) builder.build().get("btpBindings");
				assertThat(entries.get(0)).containsEntry("name", "bookshop-broker")
					.containsEntry("unusable", Map.of("field", "clientid", "problem",
							"Service binding 'bookshop-broker' from VCAP_SERVICES, field 'clientid': missing"));
				assertThat(entries.get(1)).containsEntry("name", "bookshop-uaa").doesNotContainKey("unusable");
				assertThat(entries.toString()).doesNotContain(BindingFixtures.XSUAA_SECRET,
						BindingFixtures.CONNECTIVITY_SECRET);
			});
		assertThat(output).contains("Using xsuaa binding 'bookshop-uaa' of [bookshop-broker, bookshop-uaa]: the only "
				+ "one with plan 'application'. Set btp.bindings.xsuaa.name to use another.");
	}

	@Test
	void incompleteBindingTheApplicationSelectsStillStopsTheStart() {
		Map<String, Object> broker = BindingFixtures.xsuaaSecretCredentials();
		broker.remove("clientid");
		String vcap = BindingFixtures.vcap(
				BindingFixtures.vcapEntry("xsuaa", "bookshop-broker", "broker", List.of(), broker),
				BindingFixtures.vcapEntry("xsuaa", "bookshop-uaa", "application", List.of(),
						BindingFixtures.xsuaaSecretCredentials()));

		assertThatExceptionOfType(ServiceBindingException.class)
			.isThrownBy(() -> loadVcap(vcap, "btp.bindings.xsuaa.name", "bookshop-broker"))
			.withMessage("Service binding 'bookshop-broker' from VCAP_SERVICES, field 'clientid': missing");
	}

	@Test
	void certificateBlockWhoseBodyIsNotBase64SaysSo() {
		Map<String, Object> credentials = BindingFixtures.xsuaaX509Credentials();
		credentials.put("certificate", "-----BEGIN CERTIFICATE-----\nMIIB!not*base64\n-----END CERTIFICATE-----\n");

		assertThatExceptionOfType(ServiceBindingException.class)
			.isThrownBy(() -> loadVcap(BindingFixtures.vcap(BindingFixtures.vcapEntry("xsuaa", "bookshop-uaa",
					"application", List.of(), credentials))))
			.withMessage("Service binding 'bookshop-uaa' from VCAP_SERVICES, field 'certificate': the PEM block "
					+ "'CERTIFICATE' is not valid Base64");
	}

	@Test
	void vcapServicesOfTheWrongShapeNamesTheKey() {
		assertThatExceptionOfType(ServiceBindingException.class)
			.isThrownBy(() -> loadVcap("{\"xsuaa\": [], \"destination\": {\"name\": \"dest\"}}"))
			.withMessage("Service bindings from VCAP_SERVICES: is not an object of service arrays: the value of "
					+ "'destination' is not an array");
	}

}
