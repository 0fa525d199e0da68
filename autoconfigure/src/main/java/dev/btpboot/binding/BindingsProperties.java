package dev.btpboot.binding;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where service bindings come from and which one to use when a service is bound several times.
 */
@ConfigurationProperties("btp.bindings")
public class BindingsProperties {

	/** Where Kubernetes bindings are mounted when SERVICE_BINDING_ROOT is not set. */
	static final Path DEFAULT_KUBERNETES_ROOT = Path.of("/etc/secrets/sapbtp");

	/**
	 * Directory where Kubernetes service bindings are mounted, one directory per binding.
	 * Defaults to $SERVICE_BINDING_ROOT, else /etc/secrets/sapbtp.
	 */
	private Path kubernetesRoot;

	/**
	 * A file with bindings for local runs: a default-env.json ({"VCAP_SERVICES": {...}}), the
	 * VCAP_SERVICES object itself, or the output of 'cf env <app>' saved as it is.
	 */
	private Path localFile;

	/**
	 * How often Kubernetes binding directories are checked for a rotated version (the kubelet's
	 * '..data' swap). A valid new version replaces the old one; 0 switches the check off.
	 */
	private Duration refreshInterval = Duration.ofSeconds(30);

	/**
	 * A warning is logged once when a certificate used for mutual TLS expires within this time.
	 */
	private Duration certificateExpiryWarning = Duration.ofHours(24);

	/** Selection among several xsuaa bindings. */
	private final Selection xsuaa = new Selection();

	/** Selection among several identity (SAP Cloud Identity Services) bindings. */
	private final Selection identity = new Selection();

	/** Selection among several connectivity bindings. */
	private final Selection connectivity = new Selection();

	/** Selection among several destination bindings. */
	private final Selection destination = new Selection();

	/** Selection among several saas-registry (SAP SaaS Provisioning service) bindings. */
	private final Selection saasRegistry = new Selection();

	public Path getKubernetesRoot() {
		return this.kubernetesRoot;
	}

	public void setKubernetesRoot(Path kubernetesRoot) {
		this.kubernetesRoot = kubernetesRoot;
	}

	public Path getLocalFile() {
		return this.localFile;
	}

	public void setLocalFile(Path localFile) {
		this.localFile = localFile;
	}

	public Duration getRefreshInterval() {
		return this.refreshInterval;
	}

	public void setRefreshInterval(Duration refreshInterval) {
		this.refreshInterval = refreshInterval;
	}

	public Duration getCertificateExpiryWarning() {
		return this.certificateExpiryWarning;
	}

	public void setCertificateExpiryWarning(Duration certificateExpiryWarning) {
		this.certificateExpiryWarning = certificateExpiryWarning;
	}

	public Selection getXsuaa() {
		return this.xsuaa;
	}

	public Selection getIdentity() {
		return this.identity;
	}

	public Selection getConnectivity() {
		return this.connectivity;
	}

	public Selection getDestination() {
		return this.destination;
	}

	public Selection getSaasRegistry() {
		return this.saasRegistry;
	}

	/** @return the chosen binding name per service, for the services where one is set */
	Map<String, String> selectedNames() {
		Map<String, String> names = new LinkedHashMap<>();
		for (KnownService known : KnownService.values()) {
			String name = known.selectedName(this);
			if (name != null) {
				names.put(known.service(), name);
			}
		}
		return names;
	}

	/** Which binding of a service to use. */
	public static class Selection {

		/** Name of the binding to use when several bindings of this service exist. */
		private String name;

		public String getName() {
			return this.name;
		}

		public void setName(String name) {
			this.name = name;
		}

	}

}
