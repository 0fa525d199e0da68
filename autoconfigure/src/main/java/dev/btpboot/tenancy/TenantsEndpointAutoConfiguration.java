package dev.btpboot.tenancy;

import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * {@code /actuator/tenants} ({@link TenantsEndpoint}) where the actuator is and the subscribed
 * tenants are known; the web stack's configuration keeps it for the provider's operators.
 */
@AutoConfiguration(after = TenancyAutoConfiguration.class)
@ConditionalOnClass(Endpoint.class)
@ConditionalOnBean(SubscribedTenants.class)
@ConditionalOnAvailableEndpoint(TenantsEndpoint.class)
public final class TenantsEndpointAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	TenantsEndpoint tenantsEndpoint(SubscribedTenants subscribedTenants) {
		return new TenantsEndpoint(subscribedTenants);
	}

}
