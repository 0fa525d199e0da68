package dev.btpboot.security.jwt;

import dev.btpboot.binding.ServiceBindings;
import dev.btpboot.security.BtpSecurityProperties;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * The {@link ProtectedResourceMetadata} of JWT mode, shared by the servlet and the reactive chain;
 * absent unless {@code btp.security.protected-resource-metadata.enabled=true}.
 */
@Configuration(proxyBeanMethods = false)
public class ProtectedResourceMetadataConfiguration {

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBooleanProperty(BtpSecurityProperties.PREFIX + ".protected-resource-metadata.enabled")
	ProtectedResourceMetadata btpProtectedResourceMetadata(BtpSecurityProperties properties, ServiceBindings bindings,
			Environment environment) {
		return ProtectedResourceMetadata.of(properties.getProtectedResourceMetadata(), bindings, environment);
	}

}
