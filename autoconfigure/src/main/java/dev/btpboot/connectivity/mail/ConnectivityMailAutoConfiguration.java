package dev.btpboot.connectivity.mail;

import dev.btpboot.connectivity.ConnectivityProxy;
import dev.btpboot.connectivity.ConnectivityTokens;
import dev.btpboot.connectivity.socks.ConnectivitySocketFactory;
import dev.btpboot.connectivity.socks.ConnectivitySocksAutoConfiguration;
import jakarta.mail.Session;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * With {@code btp.connectivity.mail.enabled=true}, Spring Boot's {@code JavaMailSender}
 * ({@code spring.mail.*}) connects through the connectivity proxy, and
 * {@link ConnectivityMailSessions} opens stores the same way.
 */
@AutoConfiguration(after = ConnectivitySocksAutoConfiguration.class)
@ConditionalOnClass(Session.class)
@ConditionalOnBooleanProperty("btp.connectivity.mail.enabled")
@ConditionalOnBean(ConnectivitySocketFactory.class)
public final class ConnectivityMailAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	ConnectivityMailSessions connectivityMailSessions(ConnectivitySocketFactory connectivitySocketFactory,
			ConnectivityProxy proxy, ConnectivityTokens tokens) {
		proxy.socks5Address();
		tokens.require("btp.connectivity.mail.enabled");
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
