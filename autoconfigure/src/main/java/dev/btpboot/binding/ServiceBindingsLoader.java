package dev.btpboot.binding;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;

/**
 * Reads all sources once per {@link Environment}: the environment post-processor that checks
 * {@code VCAP_SERVICES}, conditions evaluated before any bean exists and the
 * {@link ServiceBindings} bean see the same, single parse.
 */
final class ServiceBindingsLoader {

	private static final Log logger = LogFactory.getLog(ServiceBindingsLoader.class);

	private static final Map<Environment, ServiceBindings> cache = new WeakHashMap<>();

	private static final Map<Environment, VcapServices> vcapServicesCache = new WeakHashMap<>();

	private ServiceBindingsLoader() {
	}

	static ServiceBindings load(Environment environment) {
		synchronized (cache) {
			ServiceBindings bindings = cache.get(environment);
			if (bindings == null) {
				bindings = read(environment);
				cache.put(environment, bindings);
			}
			return bindings;
		}
	}

	static ServiceBindings read(Environment environment) {
		BindingsProperties properties = Binder.get(environment)
			.bindOrCreate("btp.bindings", BindingsProperties.class);
		List<ServiceBinding> bindings = new ArrayList<>(vcapServices(environment));
		bindings.addAll(KubernetesBindingsReader.read(kubernetesRoot(properties, environment)));
		if (properties.getLocalFile() != null) {
			bindings.addAll(VcapServicesReader.fromLocalFile(properties.getLocalFile()));
		}
		ServiceBindings serviceBindings = new ServiceBindings(bindings, properties.selectedNames());
		if (logger.isDebugEnabled()) {
			logger.debug("Service bindings: " + serviceBindings);
		}
		return serviceBindings;
	}

	/**
	 * The bindings of {@code VCAP_SERVICES}, read once per environment and text.
	 * @param environment the environment
	 * @return the bindings, none when the variable is not set
	 * @throws ServiceBindingException when the variable is set but malformed
	 */
	static List<ServiceBinding> vcapServices(Environment environment) {
		String json = environment.getProperty(VcapServicesReader.VCAP_SERVICES);
		if (json == null || json.isBlank()) {
			return List.of();
		}
		synchronized (vcapServicesCache) {
			VcapServices read = vcapServicesCache.get(environment);
			if (read == null || !read.json().equals(json)) {
				read = new VcapServices(json, VcapServicesReader.fromVcapServices(json));
				vcapServicesCache.put(environment, read);
			}
			return read.bindings();
		}
	}

	static Path kubernetesRoot(BindingsProperties properties, Environment environment) {
		if (properties.getKubernetesRoot() != null) {
			return properties.getKubernetesRoot();
		}
		String root = environment.getProperty("SERVICE_BINDING_ROOT");
		return (root != null && !root.isBlank()) ? Path.of(root) : BindingsProperties.DEFAULT_KUBERNETES_ROOT;
	}

	private record VcapServices(String json, List<ServiceBinding> bindings) {
	}

}
