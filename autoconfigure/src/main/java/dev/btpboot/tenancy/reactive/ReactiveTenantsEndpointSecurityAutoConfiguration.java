package dev.btpboot.tenancy.reactive;

import dev.btpboot.binding.ServiceBindings;
import dev.btpboot.security.SecurityModeDecision;
import dev.btpboot.security.reactive.ReactiveBtpSecurityAutoConfiguration;
import dev.btpboot.security.reactive.ReactiveSecurityModeConfigurer;
import dev.btpboot.security.reactive.ReactiveStatelessFilterChains;
import dev.btpboot.tenancy.SubscriptionCallbacks;
import dev.btpboot.tenancy.TenancyCallers;
import dev.btpboot.tenancy.TenancyProperties;
import dev.btpboot.tenancy.TenantsEndpoint;
import dev.btpboot.tenancy.TenantsEndpointAutoConfiguration;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.security.autoconfigure.actuate.web.reactive.EndpointRequest;
import org.springframework.context.annotation.Bean;
import org.springframework.core.annotation.Order;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.web.server.SecurityWebFilterChain;

/**
 * {@code /actuator/tenants} in a WebFlux application, behind a filter chain of its own ahead of the
 * catch-all: only the provider's own operators ({@link TenancyCallers#mayListTenants}) see the
 * customer list.
 */
@AutoConfiguration(after = { TenantsEndpointAutoConfiguration.class, ReactiveBtpSecurityAutoConfiguration.class },
		afterName = { "dev.btpboot.security.jwt.reactive.ReactiveJwtSecurityAutoConfiguration",
				"dev.btpboot.security.mock.reactive.ReactiveMockUsersAutoConfiguration" })
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
@ConditionalOnClass({ ServerHttpSecurity.class, EndpointRequest.class })
@ConditionalOnBean({ TenantsEndpoint.class, ReactiveSecurityModeConfigurer.class })
public final class ReactiveTenantsEndpointSecurityAutoConfiguration {

	@Bean
	@Order(SubscriptionCallbacks.CHAIN_ORDER)
	@ConditionalOnMissingBean(name = "btpTenantsEndpointSecurityWebFilterChain")
	SecurityWebFilterChain btpTenantsEndpointSecurityWebFilterChain(ServerHttpSecurity http,
			TenancyProperties properties, SecurityModeDecision decision, ServiceBindings bindings,
			ReactiveSecurityModeConfigurer authentication) {
		TenancyCallers callers = TenancyCallers.of(decision.mode(), bindings, properties.getOperatorRole());
		ReactiveStatelessFilterChains.stateless(http)
			.securityMatcher(EndpointRequest.to(TenantsEndpoint.class))
			.authorizeExchange((exchanges) -> exchanges.anyExchange()
				.access((caller, context) -> caller
					.<AuthorizationResult>map((user) -> new AuthorizationDecision(callers.mayListTenants(user)))
					.defaultIfEmpty(new AuthorizationDecision(false))));
		authentication.configure(http);
		return ReactiveStatelessFilterChains.refusalsAsProblems(http).build();
	}

}
