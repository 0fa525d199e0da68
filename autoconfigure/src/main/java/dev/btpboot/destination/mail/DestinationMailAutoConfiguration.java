package dev.btpboot.destination.mail;

import java.util.List;
import java.util.Properties;

import javax.net.ssl.SSLSocketFactory;

import dev.btpboot.connectivity.ConnectivityConfigurationException;
import dev.btpboot.connectivity.mail.ConnectivityMailAutoConfiguration;
import dev.btpboot.connectivity.mail.ConnectivityMailSessions;
import dev.btpboot.destination.DestinationAutoConfiguration;
import dev.btpboot.destination.DestinationOptions;
import dev.btpboot.destination.DestinationService;
import dev.btpboot.destination.DestinationSockets;
import jakarta.mail.Session;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.mail.autoconfigure.MailProperties;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.util.StringUtils;

/**
 * With {@code btp.connectivity.mail.destination=<name>}, the {@code JavaMailSender} and
 * {@link ConnectivityMailSessions} take host, port, protocol, user, password and {@code mail.*}
 * from that MAIL destination (no {@code spring.mail.host} needed); {@code spring.mail.properties.*}
 * and {@code spring.mail.ssl.bundle} still apply. Without a destination binding the application
 * does not start.
 */
@AutoConfiguration(after = DestinationAutoConfiguration.class, before = ConnectivityMailAutoConfiguration.class,
		beforeName = "org.springframework.boot.mail.autoconfigure.MailSenderAutoConfiguration")
@ConditionalOnClass({ Session.class, JavaMailSenderImpl.class, MailProperties.class })
@ConditionalOnProperty(DestinationMailAutoConfiguration.PROPERTY)
public final class DestinationMailAutoConfiguration {

	static final String PROPERTY = "btp.connectivity.mail.destination";

	private static final List<String> PROTOCOLS = List.of("smtp", "smtps", "imap", "imaps", "pop3", "pop3s");

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBean(DestinationService.class)
	@EnableConfigurationProperties(MailProperties.class)
	static class FromTheDestination {

		@Bean
		DestinationMailSettings destinationMailSettings(Environment environment, DestinationService destinationService,
				DestinationSockets destinationSockets, MailProperties mail, ObjectProvider<SslBundles> sslBundles) {
			String fragment = environment.getProperty(PROPERTY + "-fragment");
			return new DestinationMailSettings(environment.getRequiredProperty(PROPERTY),
					StringUtils.hasText(fragment) ? DestinationOptions.fragment(fragment) : DestinationOptions.none(),
					destinationService, destinationSockets, base(mail, sslBundles));
		}

		/** What Spring Boot's {@code spring.mail.*} contributes besides the server: properties and TLS trust. */
		private static Properties base(MailProperties mail, ObjectProvider<SslBundles> sslBundles) {
			Properties base = new Properties();
			base.putAll(mail.getProperties());
			String bundle = mail.getSsl().getBundle();
			if (bundle != null && !bundle.isEmpty()) {
				SSLSocketFactory tls = sslBundles.getObject().getBundle(bundle).createSslContext().getSocketFactory();
				PROTOCOLS.forEach((protocol) -> base.put("mail." + protocol + ".ssl.socketFactory", tls));
			}
			return base;
		}

		@Bean
		@ConditionalOnMissingBean(JavaMailSender.class)
		JavaMailSenderImpl mailSender(DestinationMailSettings destinationMailSettings, MailProperties mail) {
			DestinationMailSender sender = new DestinationMailSender(destinationMailSettings);
			if (mail.getDefaultEncoding() != null) {
				sender.setDefaultEncoding(mail.getDefaultEncoding().name());
			}
			return sender;
		}

		@Bean
		@ConditionalOnMissingBean
		ConnectivityMailSessions connectivityMailSessions(DestinationMailSettings destinationMailSettings) {
			return new DestinationMailSessions(destinationMailSettings);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnMissingBean(DestinationService.class)
	static class WithoutADestinationService {

		@Bean
		InitializingBean destinationMailRequiresADestinationService(Environment environment) {
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
