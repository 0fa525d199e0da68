package dev.btpboot.binding;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The output of {@code cf env <app>} saved to a file and named by {@code btp.bindings.local-file},
 * in the shapes the cf CLI prints: version 7 and later {@code VCAP_SERVICES: {...}} (indented by
 * one space, variables in map order, so {@code VCAP_APPLICATION} may come first), version 6 each
 * variable wrapped in an object of its own.
 */
class CfEnvOutputTests {

	private static final String SECRET = "cf-env-S3cr3t-value-0007";

	private static final String CF8 = """
			Getting env variables for app bookshop in org acme / space dev as dev@example.com...
			System-Provided:
			VCAP_APPLICATION: {
			 "application_id": "6f1f1a5e-0d1b-4c5e-9d39-0c3e1a8d7f10",
			 "application_name": "bookshop",
			 "application_uris": [
			  "bookshop.cfapps.eu10.hana.ondemand.com"
			 ],
			 "cf_api": "https://api.cf.eu10.hana.ondemand.com",
			 "limits": {
			  "fds": 32768
			 },
			 "name": "bookshop",
			 "organization_name": "acme",
			 "space_name": "dev"
			}

			VCAP_SERVICES: {
			 "destination": [
			  {
			   "binding_guid": "1b7e5c2a-3f1d-4e8b-a1c9-2d4f6e8a0b1c",
			   "binding_name": null,
			   "credentials": {
			    "clientid": "sb-clone-destination!b1|destination-xsappname!b62",
			    "clientsecret": "%s",
			    "uaadomain": "authentication.eu10.hana.ondemand.com",
			    "uri": "https://destination-configuration.cfapps.eu10.hana.ondemand.com",
			    "url": "https://acme.authentication.eu10.hana.ondemand.com"
			   },
			   "instance_guid": "9c1d2e3f-4a5b-6c7d-8e9f-0a1b2c3d4e5f",
			   "instance_name": "bookshop-destination",
			   "label": "destination",
			   "name": "bookshop-destination",
			   "plan": "lite",
			   "provider": null,
			   "syslog_drain_url": null,
			   "tags": [
			    "destination",
			    "conn",
			    "connsvc"
			   ],
			   "volume_mounts": []
			  }
			 ]
			}

			User-Provided:
			JBP_CONFIG_OPEN_JDK_JRE: { jre: { version: 21.+ } }
			SPRING_PROFILES_ACTIVE: cloud

			No running env variables have been set

			No staging env variables have been set

			""".formatted(SECRET);

	private static final String CF6 = """
			Getting env variables for app bookshop in org acme / space dev as dev@example.com...
			OK

			System-Provided:
			{
			 "VCAP_SERVICES": {
			  "destination": [
			   {
			    "credentials": {
			     "clientid": "sb-clone-destination!b1|destination-xsappname!b62",
			     "clientsecret": "%s",
			     "uaadomain": "authentication.eu10.hana.ondemand.com",
			     "uri": "https://destination-configuration.cfapps.eu10.hana.ondemand.com",
			     "url": "https://acme.authentication.eu10.hana.ondemand.com"
			    },
			    "label": "destination",
			    "name": "bookshop-destination",
			    "plan": "lite",
			    "tags": [
			     "destination"
			    ]
			   }
			  ]
			 }
			}

			{
			 "VCAP_APPLICATION": {
			  "application_name": "bookshop",
			  "space_name": "dev"
			 }
			}

			No user-defined env variables have been set

			Running Environment Variable Groups:
			CREDHUB_API: https://credhub.service.cf.internal:8844

			Staging Environment Variable Groups:
			CREDHUB_API: https://credhub.service.cf.internal:8844

			""".formatted(SECRET);

	@TempDir
	Path root;

	@Test
	void theVcapServicesBlockOfCfCli8OutputIsTheBindings() throws IOException {
		ServiceBindings bindings = load(write("cf-env.txt", CF8));
		assertThat(bindings.all()).extracting(ServiceBinding::name).containsExactly("bookshop-destination");
		DestinationCredentials destination = bindings.destination().orElseThrow();
		assertThat(destination.authentication()).isEqualTo(new ClientSecret(SECRET));
		assertThat(destination.uri()).hasToString("https://destination-configuration.cfapps.eu10.hana.ondemand.com");
	}

	@Test
	void theWrappedVcapServicesOfCfCli6OutputIsTheBindings() throws IOException {
		ServiceBindings bindings = load(write("cf-env.txt", CF6));
		assertThat(bindings.all()).extracting(ServiceBinding::name).containsExactly("bookshop-destination");
		assertThat(bindings.destination().orElseThrow().authentication()).isEqualTo(new ClientSecret(SECRET));
	}

	@Test
	void outputSavedOnWindowsReadsAlike() throws IOException {
		ServiceBindings bindings = load(write("cf-env.txt", CF8.replace("\n", "\r\n")));
		assertThat(bindings.destination()).isPresent();
	}

	@Test
	void anApplicationStartsWithTheOutputAsItsLocalFile() throws IOException {
		Path file = write("cf-env.txt", CF8);
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(BindingsAutoConfiguration.class))
			.withPropertyValues("btp.bindings.local-file=" + file,
					"btp.bindings.kubernetes-root=" + this.root.resolve("none"))
			.run((context) -> assertThat(context.getBean(ServiceBindings.class).all())
				.extracting(ServiceBinding::source)
				.containsExactly("local file " + file));
	}

	@Test
	void aBrokenBlockIsReportedByItsLineInTheFileWithoutItsContent() throws IOException {
		Path file = write("cf-env.txt", CF8.replace("\"plan\": \"lite\",", "\"plan\": lite,"));
		assertThatExceptionOfType(ServiceBindingException.class).isThrownBy(() -> load(file))
			.satisfies((ex) -> {
				assertThat(ex.getMessage()).isEqualTo(
						"Service bindings from local file " + file + ": is not valid JSON at line 34, column 12");
				assertThat(ex.getMessage() + ex.getAction()).doesNotContain(SECRET);
			});
	}

	@Test
	void outputWithoutVcapServicesSaysSo() throws IOException {
		Path file = write("cf-env.txt", """
				Getting env variables for app bookshop in org acme / space dev as dev@example.com...
				System-Provided:
				VCAP_APPLICATION: {
				 "application_name": "bookshop"
				}

				No user-provided env variables have been set
				""");
		assertThatExceptionOfType(ServiceBindingException.class).isThrownBy(() -> load(file))
			.withMessageContaining("field 'VCAP_SERVICES': missing from this output of 'cf env'")
			.satisfies((ex) -> assertThat(ex.getAction()).contains("cf env <app>"));
	}

	private ServiceBindings load(Path file) {
		return ServiceBindingsLoader.load(new MockEnvironment()
			.withProperty("btp.bindings.kubernetes-root", this.root.resolve("none").toString())
			.withProperty("btp.bindings.local-file", file.toString()));
	}

	private Path write(String name, String content) throws IOException {
		return Files.writeString(this.root.resolve(name), content);
	}

}
