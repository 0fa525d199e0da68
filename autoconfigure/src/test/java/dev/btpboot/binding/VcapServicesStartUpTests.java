package dev.btpboot.binding;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A malformed {@code VCAP_SERVICES} as Cloud Foundry hands it over: a real environment variable
 * of a fresh JVM whose class path holds everything the starter brings, java-cfenv-boot included.
 */
class VcapServicesStartUpTests {

	@TempDir
	Path output;

	@Test
	void malformedVcapServicesStopsTheStartWithAReportThatNeverShowsTheSecret() throws Exception {
		// An unquoted secret: parsers quote the token they choke on, and json-io quotes the whole input.
		String vcapServices = "{\"xsuaa\": [{\"name\": \"bookshop-uaa\", \"label\": \"xsuaa\", \"credentials\": "
				+ "{\"clientid\": \"sb-bookshop!t12345\", \"clientsecret\": " + BindingFixtures.XSUAA_SECRET + "}}]}";

		Result result = start(vcapServices);

		assertThat(result.exitCode()).isNotZero();
		assertThat(result.stdout()).contains("APPLICATION FAILED TO START")
			.contains("Service bindings from VCAP_SERVICES: is not valid JSON at line 1, column ")
			.contains("Fix the JSON of VCAP_SERVICES");
		assertThat(result.stdout() + result.stderr()).doesNotContain(BindingFixtures.XSUAA_SECRET)
			.doesNotContain("S3cr3t")
			.doesNotContain("JsonIoException");
	}

	@Test
	void vcapServicesThatOnlyJavaCfEnvRejectsStopsTheStartWithoutShowingIt() throws Exception {
		// Valid JSON of the wrong shape: java-cfenv would fail on the string entry.
		String vcapServices = "{\"xsuaa\": [{\"name\": \"bookshop-uaa\", \"credentials\": {\"clientsecret\": \""
				+ BindingFixtures.XSUAA_SECRET + "\"}}, \"" + BindingFixtures.CONNECTIVITY_SECRET + "\"]}";

		Result result = start(vcapServices);

		assertThat(result.exitCode()).isNotZero();
		assertThat(result.stdout()).contains("APPLICATION FAILED TO START")
			.contains("Service bindings from VCAP_SERVICES: is not an object of service arrays: entry 1 of 'xsuaa' "
					+ "is not an object");
		assertThat(result.stdout() + result.stderr()).doesNotContain(BindingFixtures.XSUAA_SECRET,
				BindingFixtures.CONNECTIVITY_SECRET);
	}

	@Test
	void aLocalFileIsReadWithoutJavaCfenvsParserEvenWhenJavaCfenvBootIsThere() throws Exception {
		// java-cfenv-boot reads only VCAP_SERVICES, and only on Cloud Foundry: its parser has no
		// say over the local file, and its json-io costs some 1,700 classes of start-up.
		Path localFile = Files.writeString(this.output.resolve("default-env.json"),
				"{\"VCAP_SERVICES\": " + BindingFixtures.vcap(BindingFixtures.vcapEntry("xsuaa", "bookshop-uaa",
						"application", List.of("xsuaa"), BindingFixtures.xsuaaSecretCredentials())) + "}");

		Result result = start(null, List.of("-Xlog:class+load=info:stdout"), "--btp.bindings.local-file=" + localFile);

		assertThat(result.exitCode()).as(result.stderr()).isZero();
		assertThat(result.stdout()).contains("dev.btpboot.binding.XsuaaCredentials ")
			.doesNotContain("com.cedarsoftware.io.", "io.pivotal.cfenv.core.CfEnv ");
	}

	private Result start(String vcapServices) throws IOException, InterruptedException {
		return start(vcapServices, List.of(), "--logging.level.root=DEBUG", "--debug");
	}

	/**
	 * Starts {@link StartingApplication} in a fresh JVM as Cloud Foundry would when
	 * {@code vcapServices} is given, else outside any platform.
	 */
	private Result start(String vcapServices, List<String> jvmOptions, String... arguments)
			throws IOException, InterruptedException {
		Path stdout = this.output.resolve("stdout.txt");
		Path stderr = this.output.resolve("stderr.txt");
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.addAll(jvmOptions);
		command.addAll(List.of("-cp", System.getProperty("java.class.path"), StartingApplication.class.getName(),
				"--spring.main.web-application-type=none"));
		command.addAll(List.of(arguments));
		ProcessBuilder builder = new ProcessBuilder(command);
		Map<String, String> environment = builder.environment();
		environment.keySet().removeIf((name) -> name.startsWith("VCAP_") || name.startsWith("SPRING_")
				|| name.equals("SERVICE_BINDING_ROOT") || name.equals("KUBERNETES_SERVICE_HOST"));
		if (vcapServices != null) {
			environment.put("VCAP_APPLICATION", "{\"application_name\": \"bookshop\", \"space_name\": \"dev\", "
					+ "\"cf_api\": \"https://api.cf.eu10.hana.ondemand.com\"}");
			environment.put("VCAP_SERVICES", vcapServices);
		}
		environment.put("SERVICE_BINDING_ROOT", this.output.resolve("no-bindings").toString());
		Process process = builder.redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
		if (!process.waitFor(120, TimeUnit.SECONDS)) {
			process.destroyForcibly();
			throw new IllegalStateException("The application neither started nor failed within 120 s");
		}
		return new Result(process.exitValue(), Files.readString(stdout), Files.readString(stderr));
	}

	private record Result(int exitCode, String stdout, String stderr) {
	}

	/** The application of the child JVM: auto-configuration of everything on the class path; ends once started. */
	// The data feature puts JDBC on the test class path; this application has no database.
	@SpringBootApplication(excludeName = "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration")
	static class StartingApplication {

		public static void main(String[] args) {
			SpringApplication.run(StartingApplication.class, args).close();
		}

	}

}
