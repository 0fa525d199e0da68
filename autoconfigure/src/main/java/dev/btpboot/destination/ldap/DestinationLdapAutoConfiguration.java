package dev.btpboot.destination.ldap;

import java.util.HashMap;

import dev.btpboot.connectivity.ConnectivityConfigurationException;
import dev.btpboot.connectivity.ldap.ConnectivityLdapAutoConfiguration;
import dev.btpboot.destination.DestinationAutoConfiguration;
import dev.btpboot.destination.DestinationOptions;
import dev.btpboot.destination.DestinationService;
import dev.btpboot.destination.DestinationSockets;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.ldap.autoconfigure.LdapProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.ldap.core.support.LdapContextSource;
import org.springframework.util.StringUtils;

/**
 * With {@code btp.connectivity.ldap.destination=<name>}, Spring LDAP's context source (and so
 * Spring Boot's {@code LdapTemplate}) takes URL, bind DN and password from that LDAP destination;
 * {@code spring.ldap.base} and {@code spring.ldap.base-environment} still apply. Without a
 * destination binding the application does not start.
 */
@AutoConfiguration(after = DestinationAutoConfiguration.class, before = ConnectivityLdapAutoConfiguration.class,
		beforeName = "org.springframework.boot.ldap.autoconfigure.LdapAutoConfiguration")
@ConditionalOnClass({ LdapContextSource.class, LdapProperties.class })
@ConditionalOnProperty(DestinationLdapAutoConfiguration.PROPERTY)
public final class DestinationLdapAutoConfiguration {

	static final String PROPERTY = "btp.connectivity.ldap.destination";

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBean(DestinationService.class)
	@EnableConfigurationProperties(LdapProperties.class)
	static class FromTheDestination {

		@Bean
		@ConditionalOnMissingBean
		LdapContextSource ldapContextSource(Environment environment, DestinationService destinationService,
				DestinationSockets destinationSockets, LdapProperties ldap) {
			String fragment = environment.getProperty(PROPERTY + "-fragment");
			DestinationLdapContextSource source = new DestinationLdapContextSource(
					environment.getRequiredProperty(PROPERTY),
					StringUtils.hasText(fragment) ? DestinationOptions.fragment(fragment) : DestinationOptions.none(),
					destinationService, destinationSockets);
			source.setBase(ldap.getBase());
			source.setBaseEnvironmentProperties(new HashMap<>(ldap.getBaseEnvironment()));
			return source;
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnMissingBean(DestinationService.class)
	static class WithoutADestinationService {

		@Bean
		InitializingBean destinationLdapRequiresADestinationService(Environment environment) {
			return () -> {
				throw new ConnectivityConfigurationException(
						PROPERTY + "=" + environment.getProperty(PROPERTY)
								+ ", but there is no destination binding and no local destination",
						"Bind the destination service (for a local run: btp.bindings.local-file, or a local destination "
								+ "btp.destinations.local.<name>.*), or remove " + PROPERTY + ".");
			};
		}

	}

}
