package dev.btpboot.connectivity.ldap;

import java.util.HashMap;
import java.util.Map;

import dev.btpboot.connectivity.ConnectivityConfigurationException;
import dev.btpboot.connectivity.ConnectivityProxy;
import dev.btpboot.connectivity.ConnectivityTokens;
import dev.btpboot.connectivity.LocalRoutes;
import dev.btpboot.connectivity.ProxyRequirement;
import dev.btpboot.connectivity.socks.ConnectivitySocketFactory;
import dev.btpboot.connectivity.socks.ConnectivitySocksAutoConfiguration;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.ldap.autoconfigure.LdapProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.ldap.core.support.AbstractContextSource;

/**
 * With {@code btp.connectivity.ldap.enabled=true}, Spring LDAP's context source
 * ({@code spring.ldap.*}) opens its connections through the connectivity proxy: its JNDI
 * environment names {@link ConnectivitySocketFactory} in {@code java.naming.ldap.factory.socket}.
 * The directory must be exposed as a TCP mapping in the Cloud Connector, so the Cloud Connector's
 * LDAP-specific access control does not apply. Without a connectivity proxy (and without
 * {@link LocalRoutes}) the application does not start: LDAP would otherwise connect directly.
 * Nor does it start when a Spring LDAP feature is configured ({@code btp.connectivity.ldap.enabled}
 * or {@code btp.connectivity.ldap.destination}) but Spring LDAP is not on the class path: the
 * feature would otherwise be left out without a word.
 */
@AutoConfiguration(after = ConnectivitySocksAutoConfiguration.class)
public final class ConnectivityLdapAutoConfiguration {

	private static final String PROPERTY = "btp.connectivity.ldap.enabled";

	/** The JNDI environment property naming the socket factory class. */
	static final String SOCKET_FACTORY = "java.naming.ldap.factory.socket";

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ AbstractContextSource.class, LdapProperties.class })
	@ConditionalOnBooleanProperty(PROPERTY)
	@ConditionalOnBean(ConnectivitySocketFactory.class)
	static class ThroughTheProxy {

		/**
		 * Adds the socket factory to every context source's base environment, which Spring Boot
		 * fills from {@code spring.ldap.base-environment}.
		 */
		@Bean
		static BeanPostProcessor connectivityLdapContextSourcePostProcessor(
				ObjectProvider<LdapProperties> ldapProperties, ObjectProvider<ConnectivityProxy> proxy,
				ObjectProvider<ConnectivityTokens> tokens, ObjectProvider<LocalRoutes> localRoutes) {
			return new BeanPostProcessor() {
				@Override
				public Object postProcessBeforeInitialization(Object bean, String beanName) {
					if (bean instanceof AbstractContextSource contextSource) {
						ProxyRequirement.check(PROPERTY, proxy.getObject(), tokens.getObject(),
								localRoutes.getObject());
						Map<String, Object> environment = new HashMap<>(
								ldapProperties.getIfAvailable(LdapProperties::new).getBaseEnvironment());
						environment.put(SOCKET_FACTORY, ConnectivitySocketFactory.class.getName());
						contextSource.setBaseEnvironmentProperties(environment);
					}
					return bean;
				}
			};
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ AbstractContextSource.class, LdapProperties.class })
	@ConditionalOnBooleanProperty(PROPERTY)
	@ConditionalOnMissingBean(ConnectivitySocketFactory.class)
	static class WithoutAProxy {

		@Bean
		InitializingBean connectivityLdapRequiresAProxy() {
			return () -> {
				throw ConnectivityConfigurationException.proxyMissing(PROPERTY);
			};
		}

	}

	@Configuration(proxyBeanMethods = false)
	@Conditional(SpringLdapFeatureWithoutSpringLdap.class)
	static class WithoutSpringLdap {

		@Bean
		InitializingBean connectivityLdapRequiresSpringLdap(Environment environment) {
			return () -> {
				throw ConnectivityConfigurationException.dependencyMissing(
						SpringLdapFeatureWithoutSpringLdap.configuredFeature(environment), "Spring LDAP",
						"org.springframework.boot:spring-boot-starter-ldap");
			};
		}

	}

}
