package dev.btpboot.observability;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.cloud.CloudFoundryVcapEnvironmentPostProcessor;
import org.springframework.boot.logging.DeferredLogs;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The platform's identity as resource attributes and the console log format, as Boot defaults
 * that the application's own configuration overrides.
 */
class PlatformTelemetryDefaultsTests {

	private static final String VCAP_APPLICATION = """
			{"application_id":"a1b2","application_name":"bookshop","instance_id":"i-7","instance_index":2,
			 "organization_id":"o-1","organization_name":"acme","space_id":"s-1","space_name":"dev"}""";

	@TempDir
	Path directory;

	@Test
	void onCloudFoundryTheVcapApplicationNamesOrganisationSpaceApplicationAndInstance() {
		MockEnvironment environment = cloudFoundry();
		assertThat(new PlatformResourceAttributes(environment, this.directory.resolve("none")).attributes())
			.containsEntry("service.name", "bookshop")
			.containsEntry("service.instance.id", "i-7")
			.containsEntry("cloudfoundry.app.id", "a1b2")
			.containsEntry("cloudfoundry.app.instance.id", "2")
			.containsEntry("cloudfoundry.org.id", "o-1")
			.containsEntry("cloudfoundry.org.name", "acme")
			.containsEntry("cloudfoundry.space.id", "s-1")
			.containsEntry("cloudfoundry.space.name", "dev")
			.containsEntry("sap.cf.org_name", "acme")
			.containsEntry("sap.cf.space_name", "dev");
	}

	@Test
	void springApplicationNameStaysTheServiceName() {
		MockEnvironment environment = cloudFoundry().withProperty("spring.application.name", "orders");
		assertThat(new PlatformResourceAttributes(environment, this.directory.resolve("none")).attributes())
			.doesNotContainKey("service.name")
			.containsEntry("cloudfoundry.app.name", "bookshop");
	}

	@Test
	void onKubernetesTheDownwardApiVariablesNameNamespacePodAndNode() {
		MockEnvironment environment = kubernetes().withProperty("POD_NAME", "bookshop-7d9f-abcde")
			.withProperty("POD_NAMESPACE", "shop")
			.withProperty("POD_UID", "0f1e")
			.withProperty("NODE_NAME", "node-3");
		assertThat(new PlatformResourceAttributes(environment, this.directory.resolve("none")).attributes())
			.containsEntry("k8s.namespace.name", "shop")
			.containsEntry("k8s.pod.name", "bookshop-7d9f-abcde")
			.containsEntry("k8s.pod.uid", "0f1e")
			.containsEntry("k8s.node.name", "node-3")
			.containsEntry("service.instance.id", "bookshop-7d9f-abcde");
	}

	@Test
	void withoutDownwardApiTheNamespaceComesFromTheServiceAccountAndThePodFromTheHostName() throws IOException {
		Path namespace = Files.writeString(this.directory.resolve("namespace"), "shop\n");
		MockEnvironment environment = kubernetes().withProperty("HOSTNAME", "bookshop-7d9f-fghij");
		assertThat(new PlatformResourceAttributes(environment, namespace).attributes())
			.containsEntry("k8s.namespace.name", "shop")
			.containsEntry("k8s.pod.name", "bookshop-7d9f-fghij");
	}

	@Test
	void locallyThereAreNoPlatformAttributesAndTheConsoleStaysPlain() {
		MockEnvironment environment = new MockEnvironment();
		assertThat(new PlatformResourceAttributes(environment, this.directory.resolve("none")).attributes()).isEmpty();
		postProcess(environment);
		assertThat(environment.getProperty("logging.structured.format.console")).isNull();
	}

	@Test
	void onThePlatformsTheConsoleLogIsStructuredJsonUnlessConfiguredOrSwitchedOff() {
		MockEnvironment cloudFoundry = cloudFoundry();
		postProcess(cloudFoundry);
		assertThat(cloudFoundry.getProperty("logging.structured.format.console")).isEqualTo("ecs");
		assertThat(cloudFoundry.getProperty("management.opentelemetry.resource-attributes[cloudfoundry.space.name]"))
			.isEqualTo("dev");
		MockEnvironment kubernetes = kubernetes();
		postProcess(kubernetes);
		assertThat(kubernetes.getProperty("logging.structured.format.console")).isEqualTo("ecs");
		MockEnvironment own = kubernetes().withProperty("logging.structured.format.console", "logstash");
		postProcess(own);
		assertThat(own.getProperty("logging.structured.format.console")).isEqualTo("logstash");
		MockEnvironment off = kubernetes().withProperty("btp.observability.logging.structured", "false");
		postProcess(off);
		assertThat(off.getProperty("logging.structured.format.console")).isNull();
		MockEnvironment disabled = cloudFoundry().withProperty("btp.observability.enabled", "false");
		postProcess(disabled);
		assertThat(disabled.getPropertySources().contains(ObservabilityEnvironmentPostProcessor.PROPERTY_SOURCE))
			.isFalse();
	}

	private MockEnvironment cloudFoundry() {
		MockEnvironment environment = new MockEnvironment().withProperty("VCAP_APPLICATION", VCAP_APPLICATION)
			.withProperty("btp.bindings.kubernetes-root", this.directory.resolve("none").toString());
		new CloudFoundryVcapEnvironmentPostProcessor(new DeferredLogs()).postProcessEnvironment(environment,
				new SpringApplication());
		return environment;
	}

	private MockEnvironment kubernetes() {
		return new MockEnvironment().withProperty("spring.main.cloud-platform", "kubernetes")
			.withProperty("btp.bindings.kubernetes-root", this.directory.resolve("none").toString());
	}

	private static void postProcess(MockEnvironment environment) {
		new ObservabilityEnvironmentPostProcessor().postProcessEnvironment(environment, new SpringApplication());
	}

}
