package dev.btpboot.security;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import jakarta.servlet.DispatcherType;

import dev.btpboot.binding.BindingsAutoConfiguration;
import dev.btpboot.binding.IdentityCredentials;
import dev.btpboot.binding.ServiceBinding;
import dev.btpboot.binding.ServiceBindings;
import dev.btpboot.binding.XsuaaCredentials;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration;
import org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.session.DisableEncodeUrlFilter;
import org.springframework.security.web.firewall.HttpFirewall;
import org.springframework.security.web.firewall.StrictHttpFirewall;
import org.springframework.util.ClassUtils;
import org.springframework.web.filter.ServletRequestPathFilter;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Secure by default: one catch-all {@link SecurityFilterChain} at the lowest precedence that
 * authenticates every request except {@code btp.security.public-paths} and the liveness and
 * readiness probes Spring Boot registers ({@link HealthProbeRequestMatcher}), with the
 * authentication of the decided {@link SecurityMode}. A user's
 * own chain with a {@code securityMatcher} and a lower order keeps its paths.
 */
@AutoConfiguration(after = BindingsAutoConfiguration.class,
		before = { ServletWebSecurityAutoConfiguration.class, UserDetailsServiceAutoConfiguration.class,
				ManagementWebSecurityAutoConfiguration.class },
		beforeName = "org.springframework.boot.security.oauth2.server.resource.autoconfigure.web.OAuth2ResourceServerWebSecurityAutoConfiguration")
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(HttpSecurity.class)
@ConditionalOnBooleanProperty(name = "btp.security.enabled", matchIfMissing = true)
@EnableConfigurationProperties(BtpSecurityProperties.class)
public final class BtpSecurityAutoConfiguration {

	private static final Log logger = LogFactory.getLog(BtpSecurityAutoConfiguration.class);

	/** Spring Boot's actuator, health endpoint and endpoint request matchers are on the classpath. */
	private static final boolean HEALTH_PROBES_PRESENT = Stream
		.of("org.springframework.boot.actuate.endpoint.web.PathMappedEndpoints",
				"org.springframework.boot.health.actuate.endpoint.HealthEndpoint",
				"org.springframework.boot.health.autoconfigure.actuate.endpoint.AvailabilityProbesAutoConfiguration",
				"org.springframework.boot.actuate.autoconfigure.endpoint.web.WebEndpointProperties")
		.allMatch((type) -> ClassUtils.isPresent(type, BtpSecurityAutoConfiguration.class.getClassLoader()));

	/**
	 * Decides the mode from the bindings and the environment, or stops the start and says why;
	 * logs the bindings found and the mode with its reason.
	 */
	@Bean
	SecurityModeDecision btpSecurityModeDecision(Environment environment, ServiceBindings bindings) {
		List<ServiceBinding> users = Stream
			.concat(bindings.ofService(XsuaaCredentials.SERVICE).stream(),
					bindings.ofService(IdentityCredentials.SERVICE).stream())
			.toList();
		logger.info("Service bindings: " + (bindings.all().isEmpty() ? "none"
				: bindings.all()
					.stream()
					.map((binding) -> named(binding) + " from " + binding.source())
					.collect(Collectors.joining(", "))));
		SecurityModeDecision decision = SecurityModeDecision.decide(environment, !users.isEmpty()).requireStartable();
		if (decision.mode() == SecurityMode.JWT) {
			String bound = users.stream().map(BtpSecurityAutoConfiguration::named).collect(Collectors.joining(", "));
			logger.info("Security mode JWT: " + ((decision.reason() != null) ? decision.reason() + ", " : "") + bound);
		}
		else if (decision.mode() != null) {
			logger.info("Security mode " + decision.mode() + ": " + decision.reason());
		}
		return decision;
	}

	/** @return e.g. {@code xsuaa 'app-uaa'}: the service and the binding's name, never a credential */
	private static String named(ServiceBinding binding) {
		return binding.service() + " '" + binding.name() + "'";
	}

	/**
	 * Spring Security's strict firewall with its header rule evaluated without regular
	 * expressions, which otherwise dominate the cost of a request carrying a bearer token.
	 */
	@Bean
	@ConditionalOnMissingBean
	HttpFirewall btpHttpFirewall() {
		StrictHttpFirewall firewall = new StrictHttpFirewall();
		firewall.setAllowedHeaderNames(AssignedNonControlCharacters.HEADER_NAMES);
		firewall.setAllowedHeaderValues(AssignedNonControlCharacters.HEADER_VALUES);
		return firewall;
	}

	@Bean
	@Order(Ordered.LOWEST_PRECEDENCE)
	@ConditionalOnMissingBean(name = "btpSecurityFilterChain")
	SecurityFilterChain btpSecurityFilterChain(HttpSecurity http, SecurityModeDecision decision,
			BtpSecurityProperties properties, ObjectProvider<SecurityModeConfigurer> authentication) throws Exception {
		List<String> publicPaths = properties.getPublicPaths();
		// Stateless: every request brings its credentials. No session to protect from CSRF, to log
		// out of, to save a request in, to fix or to keep out of URLs; no anonymous user to stand in
		// for a missing one (a request without credentials is refused where authentication is
		// required, and public paths need none). The user lives in a request attribute, which
		// carries it into async and error dispatches of the same request.
		http.csrf(AbstractHttpConfigurer::disable)
			.logout(AbstractHttpConfigurer::disable)
			.requestCache(AbstractHttpConfigurer::disable)
			.sessionManagement(AbstractHttpConfigurer::disable)
			.anonymous(AbstractHttpConfigurer::disable)
			.securityContext((context) -> context.securityContextRepository(new RequestAttributeSecurityContextRepository()))
			.authorizeHttpRequests((requests) -> {
				// The error page renders the status of a request that was already authorized or refused.
				requests.dispatcherTypeMatchers(DispatcherType.ERROR).permitAll();
				if (!publicPaths.isEmpty()) {
					requests.requestMatchers(publicPaths.toArray(String[]::new)).permitAll();
				}
				if (HEALTH_PROBES_PRESENT) {
					// The platform probes anonymously; a 401 there restarts the pod in a loop.
					requests.requestMatchers(new HealthProbeRequestMatcher()).permitAll();
				}
				requests.anyRequest().authenticated();
			});
		authentication.getObject().configure(http);
		// First in the chain, so it sees every refusal, whichever filter or handler makes it (the
		// first position Spring Security orders, whether or not that filter is in the chain).
		http.addFilterBefore(new ProblemDetailFilter(), DisableEncodeUrlFilter.class);
		// The request path parsed once for all path matchers of the chain (public paths, probes,
		// Spring Security's own) instead of once by each, with a request attribute written and
		// removed every time.
		http.addFilterBefore(new ServletRequestPathFilter(), DisableEncodeUrlFilter.class);
		return http.build();
	}

	/** {@code @AuthenticationPrincipal BtpUser} in controllers, ahead of Spring Security's resolver. */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(WebMvcConfigurer.class)
	static class BtpUserWebMvcConfiguration {

		@Bean
		@Order(Ordered.HIGHEST_PRECEDENCE)
		WebMvcConfigurer btpUserArgumentResolverConfigurer() {
			return new WebMvcConfigurer() {

				@Override
				public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
					resolvers.add(new BtpUserArgumentResolver());
				}

			};
		}

	}

}
