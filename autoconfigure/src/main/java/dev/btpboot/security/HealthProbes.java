package dev.btpboot.security;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.springframework.beans.factory.BeanFactoryUtils;
import org.springframework.boot.actuate.endpoint.web.PathMappedEndpoints;
import org.springframework.boot.actuate.endpoint.web.WebServerNamespace;
import org.springframework.boot.health.actuate.endpoint.AdditionalHealthEndpointPath;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroup;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroups;
import org.springframework.boot.health.autoconfigure.actuate.endpoint.AvailabilityProbesAutoConfiguration;
import org.springframework.context.ApplicationContext;
import org.springframework.util.ClassUtils;

/**
 * The one rule of which probe paths are open, for the servlet ({@code HealthProbeRequestMatcher})
 * and the reactive ({@code ReactiveHealthProbeMatcher}) chain: exactly the liveness and readiness
 * groups that Spring Boot's probe support registers. Nothing when
 * {@link AvailabilityProbesAutoConfiguration} did not apply (Boot 4 applies it unless
 * {@code management.endpoint.health.probes.enabled=false}), otherwise each probe group that
 * {@link HealthEndpointGroups} holds, at its path below the health endpoint (base path and
 * {@code management.endpoints.web.path-mapping.health} from {@link PathMappedEndpoints}) and at its
 * additional path ({@code /livez}, {@code /readyz} with {@code probes.add-additional-paths=true}).
 * Each matcher also scopes a path by Boot's {@code EndpointRequest}, which knows on which server
 * (main or {@code management.server.port}) the endpoint and the additional paths are served.
 * Neither the health endpoint itself, its components nor any other group or endpoint is a probe.
 */
public final class HealthProbes {

	/** Spring Boot's actuator, health endpoint and endpoint request matchers are on the classpath. */
	public static final boolean SUPPORTED = Stream
		.of("org.springframework.boot.actuate.endpoint.web.PathMappedEndpoints",
				"org.springframework.boot.health.actuate.endpoint.HealthEndpoint",
				"org.springframework.boot.health.autoconfigure.actuate.endpoint.AvailabilityProbesAutoConfiguration",
				"org.springframework.boot.actuate.autoconfigure.endpoint.web.WebEndpointProperties")
		.allMatch((type) -> ClassUtils.isPresent(type, HealthProbes.class.getClassLoader()));

	private static final List<String> PROBE_GROUPS = List.of("liveness", "readiness");

	private HealthProbes() {
	}

	/**
	 * One probe path.
	 * @param path the path pattern
	 * @param additionalPathNamespace the server of an additional path, {@code null} for a path
	 *        below the health endpoint
	 */
	public record Probe(String path, WebServerNamespace additionalPathNamespace) {

		public boolean isAdditionalPath() {
			return this.additionalPathNamespace != null;
		}

	}

	/**
	 * @param context the application context of the web server
	 * @return the probe paths Spring Boot registered, none when it registered no probes
	 */
	public static List<Probe> registered(ApplicationContext context) {
		HealthEndpointGroups groups = context.getBeanProvider(HealthEndpointGroups.class).getIfAvailable();
		PathMappedEndpoints endpoints = context.getBeanProvider(PathMappedEndpoints.class).getIfAvailable();
		if (groups == null || endpoints == null || BeanFactoryUtils.beanNamesForTypeIncludingAncestors(context,
				AvailabilityProbesAutoConfiguration.class).length == 0) {
			return List.of();
		}
		String healthPath = endpoints.getPath(HealthEndpoint.ID);
		List<Probe> probes = new ArrayList<>();
		for (String name : PROBE_GROUPS) {
			HealthEndpointGroup group = groups.get(name);
			if (group == null) {
				continue;
			}
			if (healthPath != null) {
				probes.add(new Probe(healthPath + "/" + name, null));
			}
			AdditionalHealthEndpointPath additionalPath = group.getAdditionalPath();
			if (additionalPath != null) {
				probes.add(new Probe(additionalPath.getValue(), additionalPath.getNamespace()));
			}
		}
		return probes;
	}

}
