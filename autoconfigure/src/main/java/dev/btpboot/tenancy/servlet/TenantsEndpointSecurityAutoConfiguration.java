package dev.btpboot.tenancy.servlet;

import dev.btpboot.binding.ServiceBindings;
import dev.btpboot.security.SecurityModeDecision;
import dev.btpboot.security.servlet.BtpSecurityAutoConfiguration;
import dev.btpboot.security.servlet.SecurityModeConfigurer;
import dev.btpboot.security.servlet.StatelessFilterChains;
import dev.btpboot.tenancy.TenantsEndpointAutoConfiguration;
import dev.btpboot.tenancy.SubscriptionCallbacks;
import dev.btpboot.tenancy.TenancyCallers;
import dev.btpboot.tenancy.TenancyProperties;
import dev.btpboot.tenancy.TenantsEndpoint;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.security.autoconfigure.actuate.web.servlet.EndpointRequest;
import org.springframework.context.annotation.Bean;
import org.springframework.core.annotation.Order;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

/**
 * {@code /actuator/tenants} in a servlet application, behind a filter chain of its own ahead of
 * the catch-all: only the provider's own operators ({@link TenancyCallers#mayListTenants}) see the
 * customer list; a subscriber's user gets a 403.
 */
@AutoConfiguration(after = { TenantsEndpointAutoConfiguration.class, BtpSecurityAutoConfiguration.class },
		afterName = { "dev.btpboot.security.jwt.servlet.JwtSecurityAutoConfiguration",
				"dev.btpboot.security.mock.servlet.MockUsersAutoConfiguration" })
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass({ HttpSecurity.class, EndpointRequest.class })
@ConditionalOnBean({ TenantsEndpoint.class, SecurityModeConfigurer.class })
public final class TenantsEndpointSecurityAutoConfiguration {

	@Bean
	@Order(SubscriptionCallbacks.CHAIN_ORDER)
	@ConditionalOnMissingBean(name = "btpTenantsEndpointSecurityFilterChain")
	SecurityFilterChain btpTenantsEndpointSecurityFilterChain(HttpSecurity http, TenancyProperties properties,
			SecurityModeDecision decision, ServiceBindings bindings, SecurityModeConfigurer authentication)
			throws Exception {
		TenancyCallers callers = TenancyCallers.of(decision.mode(), bindings, properties.getOperatorRole());
		StatelessFilterChains.stateless(http)
			.securityMatcher(EndpointRequest.to(TenantsEndpoint.class))
			.authorizeHttpRequests((requests) -> requests.anyRequest()
				.access((auth, context) -> new AuthorizationDecision(callers.mayListTenants(auth.get()))));
		authentication.configure(http);
		return StatelessFilterChains.build(http);
	}

}
