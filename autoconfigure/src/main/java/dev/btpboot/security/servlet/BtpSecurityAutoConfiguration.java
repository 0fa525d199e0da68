package dev.btpboot.security.servlet;

import java.util.List;

import jakarta.servlet.DispatcherType;

import dev.btpboot.binding.BindingsAutoConfiguration;
import dev.btpboot.security.AssignedNonControlCharacters;
import dev.btpboot.security.BtpSecurityProperties;
import dev.btpboot.security.HealthProbes;
import dev.btpboot.security.SecurityMode;
import dev.btpboot.security.SecurityModeDecision;
import dev.btpboot.security.SecurityModeDecisionConfiguration;
import org.apache.catalina.Valve;

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
import org.springframework.boot.tomcat.ConfigurableTomcatWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.firewall.HttpFirewall;
import org.springframework.security.web.firewall.StrictHttpFirewall;
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
@Import(SecurityModeDecisionConfiguration.class)
public final class BtpSecurityAutoConfiguration {

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
			BtpSecurityProperties properties, ObjectProvider<SecurityModeConfigurer> authentication,
			ObjectProvider<BtpSecurityFilterChainCustomizer> customizers) throws Exception {
		List<String> publicPaths = properties.getPublicPaths();
		// Public paths need no credentials; everything else needs them, on every request.
		StatelessFilterChains.stateless(http).authorizeHttpRequests((requests) -> {
			// The error page renders the status of a request that was already authorized or refused.
			requests.dispatcherTypeMatchers(DispatcherType.ERROR).permitAll();
			if (!publicPaths.isEmpty()) {
				requests.requestMatchers(publicPaths.toArray(String[]::new)).permitAll();
			}
			if (HealthProbes.SUPPORTED) {
				// The platform probes anonymously; a 401 there restarts the pod in a loop.
				requests.requestMatchers(new HealthProbeRequestMatcher()).permitAll();
			}
			requests.anyRequest().authenticated();
		});
		authentication.getObject().configure(http);
		for (BtpSecurityFilterChainCustomizer customizer : customizers.orderedStream().toList()) {
			customizer.customize(http);
		}
		// The request path is parsed once for all path matchers (public paths, probes, Spring
		// Security's own) by the ServletRequestPathFilter Spring Security puts in front of every chain.
		return StatelessFilterChains.build(http);
	}

	/**
	 * On Tomcat, the TCP peer address of each request, which forwarded headers cannot change: mock
	 * users and the forwarded client certificate judge a client by it ({@link PeerAddressResolver}).
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ Valve.class, ConfigurableTomcatWebServerFactory.class })
	static class TomcatPeerAddressConfiguration {

		@Bean
		WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory> btpPeerAddressValve() {
			return (factory) -> factory.addEngineValves(new PeerAddressValve());
		}

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
