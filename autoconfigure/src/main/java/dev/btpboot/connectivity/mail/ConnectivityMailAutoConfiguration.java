package dev.btpboot.connectivity.mail;

import java.util.stream.Stream;

import dev.btpboot.connectivity.ConnectivityConfigurationException;
import dev.btpboot.connectivity.ConnectivityProxy;
import dev.btpboot.connectivity.ConnectivityTokens;
import dev.btpboot.connectivity.LocalRoutes;
import dev.btpboot.connectivity.ProxyRequirement;
import dev.btpboot.connectivity.socks.ConnectivitySocketFactory;
import dev.btpboot.connectivity.socks.ConnectivitySocksAutoConfiguration;
import jakarta.mail.Session;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * With {@code btp.connectivity.mail.enabled=true}, Spring Boot's {@code JavaMailSender}
 * ({@code spring.mail.*}) connects through the connectivity proxy, and
 * {@link ConnectivityMailSessions} opens stores the same way. Without a connectivity proxy the
 * application does not start: mail would otherwise go out directly.
 */
@AutoConfiguration(after = ConnectivitySocksAutoConfiguration.class)
@ConditionalOnClass(Session.class)
@ConditionalOnBooleanProperty("btp.connectivity.mail.enabled")
public final class ConnectivityMailAutoConfiguration {

	private static final String PROPERTY = "btp.connectivity.mail.enabled";

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBean(ConnectivitySocketFactory.class)
	static class ThroughTheProxy {

		/** Fails the start when the proxy cannot be used, also when the user replaces the sessions bean. */
		@Bean
		InitializingBean connectivityMailRequiresSocks5(ConnectivityProxy proxy, ConnectivityTokens tokens,
				LocalRoutes localRoutes) {
			return () -> ProxyRequirement.check(PROPERTY, proxy, tokens, localRoutes);
		}

		/** Without a mail server Spring Boot makes no JavaMailSender: say so instead of starting without one. */
		@Bean
		InitializingBean connectivityMailRequiresAServer(Environment environment) {
			return () -> {
				if (Stream.of("spring.mail.host", "spring.mail.jndi-name", "btp.connectivity.mail.destination")
					.noneMatch(environment::containsProperty)) {
					throw new ConnectivityConfigurationException(PROPERTY + "=true, but neither spring.mail.host nor "
							+ "btp.connectivity.mail.destination is set, so there is no JavaMailSender",
							"Set spring.mail.host (and spring.mail.port) to the virtual host of the mail server's Cloud "
									+ "Connector mapping, or btp.connectivity.mail.destination to a MAIL destination.");
				}
			};
		}

		@Bean
		@ConditionalOnMissingBean
		ConnectivityMailSessions connectivityMailSessions(ConnectivitySocketFactory connectivitySocketFactory) {
			return new ConnectivityMailSessions(connectivitySocketFactory);
		}

		/** Routes every {@code JavaMailSenderImpl}, Spring Boot's included, through the proxy. */
		@Bean
		@ConditionalOnClass(JavaMailSenderImpl.class)
		static BeanPostProcessor connectivityMailSenderPostProcessor(
				ObjectProvider<ConnectivitySocketFactory> connectivitySocketFactory) {
			return new BeanPostProcessor() {
				@Override
				public Object postProcessBeforeInitialization(Object bean, String beanName) {
					if (bean instanceof JavaMailSenderImpl sender) {
						MailSocketFactories.apply(sender.getJavaMailProperties(), connectivitySocketFactory.getObject());
					}
					return bean;
				}
			};
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnMissingBean(ConnectivitySocketFactory.class)
	static class WithoutAProxy {

		@Bean
		InitializingBean connectivityMailRequiresAProxy() {
			return () -> {
				throw ConnectivityConfigurationException.proxyMissing(PROPERTY);
			};
		}

	}

}
