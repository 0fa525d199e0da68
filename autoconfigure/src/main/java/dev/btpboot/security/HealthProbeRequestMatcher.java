package dev.btpboot.security;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.beans.factory.BeanFactoryUtils;
import org.springframework.boot.actuate.endpoint.web.PathMappedEndpoints;
import org.springframework.boot.health.actuate.endpoint.AdditionalHealthEndpointPath;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroup;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroups;
import org.springframework.boot.health.autoconfigure.actuate.endpoint.AvailabilityProbesAutoConfiguration;
import org.springframework.boot.security.autoconfigure.actuate.web.servlet.EndpointRequest;
import org.springframework.boot.security.autoconfigure.actuate.web.servlet.RequestMatcherProvider;
import org.springframework.boot.security.web.servlet.ApplicationContextRequestMatcher;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.AndRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.context.WebApplicationContext;

/**
 * Exactly the liveness and readiness groups that Spring Boot's probe support registers: nothing
 * when {@link AvailabilityProbesAutoConfiguration} did not apply (Boot 4 applies it unless
 * {@code management.endpoint.health.probes.enabled=false}), otherwise each probe group that
 * {@link HealthEndpointGroups} holds, at its path below the health endpoint (base path and
 * {@code management.endpoints.web.path-mapping.health} from {@link PathMappedEndpoints}) and at its
 * additional path ({@code /livez}, {@code /readyz} with {@code probes.add-additional-paths=true}).
 * Each path is also matched by Boot's {@link EndpointRequest}, which knows on which server (main or
 * {@code management.server.port}) the endpoint and the additional paths are served. Neither the
 * health endpoint itself, its components nor any other group or endpoint matches. Resolved from the
 * application context at the first request, as Boot's own matchers are.
 */
final class HealthProbeRequestMatcher extends ApplicationContextRequestMatcher<WebApplicationContext> {

	private static final List<String> PROBE_GROUPS = List.of("liveness", "readiness");

	private volatile RequestMatcher delegate;

	HealthProbeRequestMatcher() {
		super(WebApplicationContext.class);
	}

	@Override
	protected void initialized(Supplier<WebApplicationContext> context) {
		this.delegate = probes(context.get());
	}

	@Override
	protected boolean matches(HttpServletRequest request, Supplier<WebApplicationContext> context) {
		return this.delegate.matches(request);
	}

	private static RequestMatcher probes(WebApplicationContext context) {
		HealthEndpointGroups groups = context.getBeanProvider(HealthEndpointGroups.class).getIfAvailable();
		PathMappedEndpoints endpoints = context.getBeanProvider(PathMappedEndpoints.class).getIfAvailable();
		if (groups == null || endpoints == null || BeanFactoryUtils.beanNamesForTypeIncludingAncestors(context,
				AvailabilityProbesAutoConfiguration.class).length == 0) {
			return (request) -> false;
		}
		RequestMatcherProvider paths = context.getBeanProvider(RequestMatcherProvider.class)
			.getIfAvailable(() -> (pattern, method) -> PathPatternRequestMatcher.withDefaults().matcher(method, pattern));
		String healthPath = endpoints.getPath(HealthEndpoint.ID);
		List<RequestMatcher> probes = new ArrayList<>();
		for (String name : PROBE_GROUPS) {
			HealthEndpointGroup group = groups.get(name);
			if (group == null) {
				continue;
			}
			if (healthPath != null) {
				probes.add(new AndRequestMatcher(EndpointRequest.to(HealthEndpoint.class),
						paths.getRequestMatcher(healthPath + "/" + name, null)));
			}
			AdditionalHealthEndpointPath additionalPath = group.getAdditionalPath();
			if (additionalPath != null) {
				probes.add(new AndRequestMatcher(
						EndpointRequest.toAdditionalPaths(additionalPath.getNamespace(), HealthEndpoint.class),
						paths.getRequestMatcher(additionalPath.getValue(), null)));
			}
		}
		return probes.isEmpty() ? (request) -> false : new OrRequestMatcher(probes);
	}

}
