package dev.btpboot.observability;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.cloud.CloudPlatform;
import org.springframework.core.env.Environment;
import org.springframework.util.StringUtils;

/**
 * The platform's identity of the application as OpenTelemetry resource attributes, on every
 * exported signal. Cloud Foundry: organisation, space, application and instance from Spring
 * Boot's {@code vcap.application.*} properties, under OpenTelemetry's {@code cloudfoundry.*}
 * names and SAP Cloud Logging's {@code sap.cf.*} names. Kubernetes: namespace, pod and node from
 * the Downward API variables {@code POD_NAMESPACE}, {@code POD_NAME}, {@code POD_UID},
 * {@code NODE_NAME} (the namespace else from the service account's namespace file, the pod name
 * else from {@code HOSTNAME}). {@code service.name} is the application's name only where
 * {@code spring.application.name} does not set it.
 */
final class PlatformResourceAttributes {

	/** Where Kubernetes mounts the namespace of the pod's service account. */
	static final Path SERVICE_ACCOUNT_NAMESPACE = Path.of("/var/run/secrets/kubernetes.io/serviceaccount/namespace");

	private final Environment environment;

	private final Path namespaceFile;

	PlatformResourceAttributes(Environment environment, Path namespaceFile) {
		this.environment = environment;
		this.namespaceFile = namespaceFile;
	}

	/** @return the attributes of the platform the application runs on, none elsewhere */
	Map<String, String> attributes() {
		Map<String, String> attributes = new LinkedHashMap<>();
		if (CloudPlatform.CLOUD_FOUNDRY.isActive(this.environment)) {
			cloudFoundry(attributes);
		}
		else if (CloudPlatform.KUBERNETES.isActive(this.environment)) {
			kubernetes(attributes);
		}
		return attributes;
	}

	private void cloudFoundry(Map<String, String> attributes) {
		String name = vcap("application_name");
		if (name != null && !StringUtils.hasText(this.environment.getProperty("spring.application.name"))) {
			attributes.put("service.name", name);
		}
		put(attributes, "service.instance.id", vcap("instance_id"));
		both(attributes, "cloudfoundry.app.id", "sap.cf.app_id", vcap("application_id"));
		both(attributes, "cloudfoundry.app.name", "sap.cf.app_name", name);
		both(attributes, "cloudfoundry.app.instance.id", "sap.cf.instance_id", vcap("instance_index"));
		both(attributes, "cloudfoundry.org.id", "sap.cf.org_id", vcap("organization_id"));
		both(attributes, "cloudfoundry.org.name", "sap.cf.org_name", vcap("organization_name"));
		both(attributes, "cloudfoundry.space.id", "sap.cf.space_id", vcap("space_id"));
		both(attributes, "cloudfoundry.space.name", "sap.cf.space_name", vcap("space_name"));
	}

	private void kubernetes(Map<String, String> attributes) {
		String pod = first("POD_NAME", "HOSTNAME");
		put(attributes, "service.instance.id", pod);
		put(attributes, "k8s.namespace.name", first("POD_NAMESPACE", null));
		attributes.computeIfAbsent("k8s.namespace.name", (key) -> namespaceFromFile());
		put(attributes, "k8s.pod.name", pod);
		put(attributes, "k8s.pod.uid", first("POD_UID", null));
		put(attributes, "k8s.node.name", first("NODE_NAME", null));
	}

	private String namespaceFromFile() {
		try {
			if (Files.isRegularFile(this.namespaceFile)) {
				String namespace = Files.readString(this.namespaceFile, StandardCharsets.UTF_8).trim();
				return namespace.isEmpty() ? null : namespace;
			}
		}
		catch (IOException ex) {
			// not readable: the namespace stays unknown
		}
		return null;
	}

	private String vcap(String field) {
		String value = this.environment.getProperty("vcap.application." + field);
		return StringUtils.hasText(value) ? value : null;
	}

	private String first(String variable, String fallback) {
		String value = this.environment.getProperty(variable);
		if (!StringUtils.hasText(value) && fallback != null) {
			value = this.environment.getProperty(fallback);
		}
		return StringUtils.hasText(value) ? value.trim() : null;
	}

	private static void both(Map<String, String> attributes, String name, String sapName, String value) {
		put(attributes, name, value);
		put(attributes, sapName, value);
	}

	private static void put(Map<String, String> attributes, String name, String value) {
		if (value != null) {
			attributes.put(name, value);
		}
	}

}
