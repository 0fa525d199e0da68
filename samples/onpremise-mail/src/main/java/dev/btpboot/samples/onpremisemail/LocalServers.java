package dev.btpboot.samples.onpremisemail;

import java.net.InetAddress;
import java.util.Properties;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.unboundid.ldap.listener.InMemoryDirectoryServer;
import com.unboundid.ldap.listener.InMemoryDirectoryServerConfig;
import com.unboundid.ldap.listener.InMemoryListenerConfig;
import dev.btpboot.connectivity.mail.ConnectivityMailSessions;
import dev.btpboot.connectivity.socks.ConnectivitySocketFactory;
import jakarta.mail.Authenticator;
import jakarta.mail.PasswordAuthentication;
import jakarta.mail.Session;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.mail.autoconfigure.MailProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;

/**
 * The profile {@code local-servers}: a GreenMail (SMTP, IMAP; user {@code user} / {@code secret})
 * and an UnboundID directory ({@code cn=admin} / {@code secret}, with alice) on 127.0.0.1. The
 * profile {@code local} (a group that includes this one) reaches them through the local routes of
 * {@code application-local.yml} for {@code mail.virtual} and {@code ldap.virtual}, so the sample
 * runs with no binding and no destination; alone, this profile serves the destination-stub recipe
 * of the sample's README, whose destinations name these servers.
 */
@Configuration(proxyBeanMethods = false)
@Profile("local-servers")
class LocalServers {

	static final String USER = "user";

	static final String PASSWORD = "secret";

	@Bean(destroyMethod = "stop")
	GreenMail localMailServer(@Value("${sample.local.smtp-port}") int smtpPort,
			@Value("${sample.local.imap-port}") int imapPort) {
		GreenMail greenMail = new GreenMail(new ServerSetup[] { new ServerSetup(smtpPort, "127.0.0.1", "smtp"),
				new ServerSetup(imapPort, "127.0.0.1", "imap") });
		greenMail.setUser("user@mail.virtual", USER, PASSWORD);
		greenMail.start();
		return greenMail;
	}

	@Bean(destroyMethod = "shutDown")
	InMemoryDirectoryServer localDirectory(@Value("${sample.local.ldap-port}") int ldapPort) throws Exception {
		InMemoryDirectoryServerConfig config = new InMemoryDirectoryServerConfig("dc=example,dc=com");
		config.addAdditionalBindCredentials("cn=admin", PASSWORD);
		config.setListenerConfigs(
				InMemoryListenerConfig.createLDAPConfig("ldap", InetAddress.getByName("127.0.0.1"), ldapPort, null));
		InMemoryDirectoryServer directory = new InMemoryDirectoryServer(config);
		directory.add("dn: dc=example,dc=com", "objectClass: domain", "dc: example");
		directory.add("dn: uid=alice,dc=example,dc=com", "objectClass: inetOrgPerson", "uid: alice", "cn: Alice",
				"sn: Example", "mail: user@mail.virtual");
		directory.startListening();
		return directory;
	}

	/**
	 * Sessions with the IMAP server of {@code spring.mail.properties} and the local login, as the
	 * MAIL destination gives them otherwise, so {@code store.connect()} needs no arguments.
	 */
	@Bean
	@Profile("local")
	ConnectivityMailSessions localMailSessions(ConnectivitySocketFactory connectivitySocketFactory,
			MailProperties mail) {
		Authenticator login = new Authenticator() {
			@Override
			protected PasswordAuthentication getPasswordAuthentication() {
				return new PasswordAuthentication(USER, PASSWORD);
			}
		};
		return new ConnectivityMailSessions(connectivitySocketFactory) {
			@Override
			public Session session(Properties properties) {
				Properties merged = new Properties();
				merged.putAll(mail.getProperties());
				merged.putAll(properties);
				// the base class adds the connectivity socket factories; keep them, add the login
				return Session.getInstance(super.session(merged).getProperties(), login);
			}
		};
	}

}
