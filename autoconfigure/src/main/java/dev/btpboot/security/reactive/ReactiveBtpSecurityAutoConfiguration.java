package dev.btpboot.security.reactive;

import java.util.List;

import dev.btpboot.binding.BindingsAutoConfiguration;
import dev.btpboot.security.BtpSecurityProperties;
import dev.btpboot.security.HealthProbes;
import dev.btpboot.security.SecurityMode;
import dev.btpboot.security.SecurityModeDecision;
import dev.btpboot.security.SecurityModeDecisionConfiguration;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.security.autoconfigure.ReactiveUserDetailsServiceAutoConfiguration;
import org.springframework.boot.security.autoconfigure.actuate.web.reactive.ReactiveManagementWebSecurityAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.reactive.ReactiveWebSecurityAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.context.ReactorContextWebFilter;
import org.springframework.security.web.server.savedrequest.ServerRequestCacheWebFilter;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;

/**
 * Secure by default for WebFlux applications, as {@code BtpSecurityAutoConfiguration} is for
 * servlet ones: one catch-all {@link SecurityWebFilterChain} at the lowest precedence that
 * authenticates every exchange except {@code btp.security.public-paths} and the liveness and
 * readiness probes Spring Boot registers ({@link HealthProbes}), with the authentication of the
 * decided {@link SecurityMode} ({@link ReactiveSecurityModeConfigurer}) and what the starter's features
 * add ({@link ReactiveBtpSecurityFilterChainCustomizer}). A user's own chain with a
 * {@code securityMatcher} and a lower order keeps its paths. The mode is decided, logged and
 * guarded exactly as for servlet applications ({@link SecurityModeDecision}).
 */
@AutoConfiguration(after = BindingsAutoConfiguration.class,
		before = { ReactiveWebSecurityAutoConfiguration.class, ReactiveUserDetailsServiceAutoConfiguration.class,
				ReactiveManagementWebSecurityAutoConfiguration.class },
		beforeName = "org.springframework.boot.security.oauth2.server.resource.autoconfigure.web.reactive.ReactiveOAuth2ResourceServerWebSecurityAutoConfiguration")
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
@ConditionalOnClass({ ServerHttpSecurity.class, EnableWebFluxSecurity.class })
@ConditionalOnBooleanProperty(name = "btp.security.enabled", matchIfMissing = true)
@EnableConfigurationProperties(BtpSecurityProperties.class)
@Import(SecurityModeDecisionConfiguration.class)
public final class ReactiveBtpSecurityAutoConfiguration {

	/**
	 * The security filters of an exchange run one after another without a Reactor checkpoint each,
	 * unless Spring Security observes them ({@link DirectWebFilterChainPostProcessor}).
	 */
	@Bean
	static DirectWebFilterChainPostProcessor btpDirectWebFilterChainPostProcessor() {
		return new DirectWebFilterChainPostProcessor();
	}

	@Bean
	@Order(Ordered.LOWEST_PRECEDENCE)
	@ConditionalOnMissingBean(name = "btpSecurityWebFilterChain")
	SecurityWebFilterChain btpSecurityWebFilterChain(ServerHttpSecurity http, SecurityModeDecision decision,
			BtpSecurityProperties properties, ObjectProvider<ReactiveSecurityModeConfigurer> authentication,
			ObjectProvider<ReactiveBtpSecurityFilterChainCustomizer> customizers) {
		List<String> publicPaths = properties.getPublicPaths();
		ReactiveStatelessFilterChains.stateless(http).authorizeExchange((exchanges) -> {
			if (!publicPaths.isEmpty()) {
				exchanges.pathMatchers(publicPaths.toArray(String[]::new)).permitAll();
			}
			if (HealthProbes.SUPPORTED) {
				// The platform probes anonymously; a 401 there restarts the pod in a loop.
				exchanges.matchers(new ReactiveHealthProbeMatcher()).permitAll();
			}
			exchanges.anyExchange().authenticated();
		});
		authentication.getObject().configure(http);
		customizers.orderedStream().forEach((customizer) -> customizer.customize(http));
		return withoutStatefulFilters(ReactiveStatelessFilterChains.refusalsAsProblems(http).build());
	}

	/**
	 * The chain without the two filters {@link ServerHttpSecurity} adds whatever the configuration:
	 * the request cache filter (no request is ever saved) and the filter that loads a security
	 * context from the repository (there is none to load; an authenticated exchange carries its
	 * context from the authentication filter on). Each passes every exchange through unchanged, yet
	 * costs operators and a link of the filter chain on every request. The chain still matches the
	 * exchanges it matched (a mode configurer may have narrowed them).
	 */
	private static SecurityWebFilterChain withoutStatefulFilters(SecurityWebFilterChain chain) {
		// Made once: Spring Security asks for the filters of every exchange.
		Flux<WebFilter> filters = Flux.fromIterable(chain.getWebFilters()
			.filter((filter) -> !(filter instanceof ServerRequestCacheWebFilter)
					&& !(filter instanceof ReactorContextWebFilter))
			.collectList()
			.block());
		return new SecurityWebFilterChain() {

			@Override
			public Mono<Boolean> matches(ServerWebExchange exchange) {
				return chain.matches(exchange);
			}

			@Override
			public Flux<WebFilter> getWebFilters() {
				return filters;
			}

		};
	}

}
