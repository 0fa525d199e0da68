package dev.btpboot.connectivity.mail;

import java.io.IOException;
import java.util.List;
import java.util.Properties;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.TrustManagerFactory;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import dev.btpboot.binding.BindingsAutoConfiguration;
import dev.btpboot.connectivity.ConnectivityAutoConfiguration;
import dev.btpboot.connectivity.socks.ConnectivitySocksAutoConfiguration;
import dev.btpboot.security.BtpUser;
import dev.btpboot.testing.ConnectivityBinding;
import dev.btpboot.testing.FakeConnectivityTokens;
import dev.btpboot.testing.GreenMailTls;
import dev.btpboot.testing.TestCertificates;
import dev.btpboot.testing.TestSocks5Proxy;
import dev.btpboot.token.TokenProvider;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Store;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.mail.autoconfigure.MailSenderAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.mail.MailSendException;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Spring Boot's JavaMailSender and {@link ConnectivityMailSessions} against GreenMail behind the
 * test SOCKS5 0x80 proxy: SMTP, STARTTLS and SMTPS out; IMAP, IMAPS and POP3 in. TLS runs inside
 * the tunnel with a certificate for the virtual host only.
 */
class ConnectivityMailTests {

	private static final String VIRTUAL_HOST = "mail.virtual";

	/** Shared with every test class that starts GreenMail's TLS servers (see {@link GreenMailTls}). */
	private static final TestCertificates.Issued CERTIFICATE = GreenMailTls.certificate();

	@RegisterExtension
	static final GreenMailExtension greenMail = new GreenMailExtension(
			ServerSetup.dynamicPort(List.of("smtp", "smtps", "imap", "imaps", "pop3")
				.stream()
				.map((protocol) -> new ServerSetup(0, "127.0.0.1", protocol))
				.toArray(ServerSetup[]::new)))
		.withPerMethodLifecycle(false);

	private static final TestSocks5Proxy proxy = new TestSocks5Proxy();

	private static StartTlsSmtpFront startTls;

	private final FakeConnectivityTokens tokens = new FakeConnectivityTokens();

	private ApplicationContextRunner runner;

	@BeforeAll
	static void mapVirtualHosts() throws Exception {
		startTls = new StartTlsSmtpFront(greenMail.getSmtp().getPort(), serverTls());
		proxy.map(VIRTUAL_HOST, 25, greenMail.getSmtp().getPort())
			.map(VIRTUAL_HOST, 587, startTls.port())
			.map(VIRTUAL_HOST, 465, greenMail.getSmtps().getPort())
			.map("other.virtual", 465, greenMail.getSmtps().getPort())
			.map(VIRTUAL_HOST, 143, greenMail.getImap().getPort())
			.map(VIRTUAL_HOST, 993, greenMail.getImaps().getPort())
			.map(VIRTUAL_HOST, 110, greenMail.getPop3().getPort());
		greenMail.setUser("user@" + VIRTUAL_HOST, "user", "secret");
	}

	@AfterAll
	static void stop() throws IOException {
		proxy.close();
		startTls.close();
	}

	@BeforeEach
	void setUp() throws Exception {
		greenMail.purgeEmailFromAllMailboxes();
		proxy.reset();
		this.runner = new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(BindingsAutoConfiguration.class,
					ConnectivityAutoConfiguration.class, ConnectivitySocksAutoConfiguration.class,
					ConnectivityMailAutoConfiguration.class, MailSenderAutoConfiguration.class,
					SslAutoConfiguration.class))
			.withBean("connectivityTokenProvider", TokenProvider.class, () -> this.tokens)
			.withPropertyValues("VCAP_SERVICES=" + ConnectivityBinding.vcapServices("127.0.0.1", 1, proxy.port()),
					"btp.connectivity.mail.enabled=true", "btp.connectivity.location-id=eu-west",
					"spring.mail.host=" + VIRTUAL_HOST, "spring.ssl.bundle.pem.mail.truststore.certificate="
							+ CERTIFICATE.certificatePem());
	}

	@AfterEach
	void clearUser() {
		SecurityContextHolder.clearContext();
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource({ "smtp, 25, spring.mail.protocol=smtp, spring.mail.protocol=smtp",
			"starttls, 587, spring.mail.ssl.bundle=mail, spring.mail.properties.mail.smtp.starttls.required=true",
			"smtps, 465, spring.mail.protocol=smtps, spring.mail.ssl.bundle=mail" })
	void sendsThroughTheProxy(String variant, int port, String setting, String otherSetting) throws Exception {
		this.runner.withPropertyValues("spring.mail.port=" + port, setting, otherSetting,
				"spring.mail.properties.mail.smtp.starttls.enable=" + variant.equals("starttls"))
			.run((context) -> {
				context.getBean(JavaMailSender.class).send(message(variant));
				assertThat(greenMail.waitForIncomingEmail(5000, 1)).isTrue();
				MimeMessage received = greenMail.getReceivedMessages()[0];
				assertThat(received.getSubject()).isEqualTo("Sent over " + variant);
				TestSocks5Proxy.Handshake handshake = proxy.handshakes().get(0);
				assertThat(handshake.jwt()).isEqualTo(FakeConnectivityTokens.ownTenantToken());
				assertThat(handshake.locationId()).isEqualTo("eu-west");
				assertThat(handshake.addressType()).isEqualTo(3);
				assertThat(handshake.host() + ":" + handshake.port()).isEqualTo(VIRTUAL_HOST + ":" + port);
				if (variant.equals("starttls")) {
					assertThat(startTls.clients()).last()
						.extracting((address) -> address.getHostAddress())
						.isEqualTo(TestSocks5Proxy.OUTBOUND_ADDRESS);
				}
				else {
					assertThat(received.getHeader("Received")[0]).contains(TestSocks5Proxy.OUTBOUND_ADDRESS);
				}
			});
	}

	@Test
	void usesATokenForTheCurrentUsersTenant() {
		BtpUser user = new BtpUser("alice", "tenant-a-id", "tenant-a", null, null, null, "user-jwt");
		SecurityContextHolder.getContext().setAuthentication(new TestingAuthenticationToken(user, null));
		this.runner.withPropertyValues("spring.mail.port=25").run((context) -> {
			context.getBean(JavaMailSender.class).send(message("tenant"));
			assertThat(proxy.handshakes().get(0).jwt()).isEqualTo(FakeConnectivityTokens.tenantIdToken("tenant-a-id"));
		});
	}

	@Test
	void tlsChecksTheVirtualHostName() {
		this.runner
			.withPropertyValues("spring.mail.host=other.virtual", "spring.mail.port=465", "spring.mail.protocol=smtps",
					"spring.mail.ssl.bundle=mail")
			.run((context) -> assertThatExceptionOfType(MailSendException.class)
				.isThrownBy(() -> context.getBean(JavaMailSender.class).send(message("mismatch")))
				.havingRootCause()
				.withMessageContaining("other.virtual"));
		assertThat(proxy.handshakes()).singleElement()
			.extracting(TestSocks5Proxy.Handshake::host)
			.isEqualTo("other.virtual");
		assertThat(greenMail.getReceivedMessages()).isEmpty();
	}

	@Test
	void reportsAMissingCloudConnectorMapping() {
		this.runner.withPropertyValues("spring.mail.port=2525")
			.run((context) -> assertThatExceptionOfType(MailSendException.class)
				.isThrownBy(() -> context.getBean(JavaMailSender.class).send(message("unmapped")))
				.havingRootCause()
				.withMessageContaining("the Cloud Connector has no mapping for virtual host mail.virtual:2525"));
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource({ "imap, 143", "imaps, 993", "pop3, 110" })
	void readsTheInboxThroughTheProxy(String protocol, int port) throws Exception {
		greenMail.getUserManager()
			.getUser("user")
			.deliver(new MimeMessage(null, new java.io.ByteArrayInputStream(
					"Subject: waiting\r\nFrom: sender@example.com\r\n\r\nhello\r\n".getBytes())));
		Properties properties = new Properties();
		properties.put("mail.imaps.ssl.socketFactory", clientTls().getSocketFactory());
		this.runner.run((context) -> {
			try (Store store = context.getBean(ConnectivityMailSessions.class).session(properties).getStore(protocol)) {
				store.connect(VIRTUAL_HOST, port, "user", "secret");
				Folder inbox = store.getFolder("INBOX");
				inbox.open(Folder.READ_ONLY);
				Message[] messages = inbox.getMessages();
				assertThat(messages).extracting(Message::getSubject).containsExactly("waiting");
				inbox.close(false);
			}
			TestSocks5Proxy.Handshake handshake = proxy.handshakes().get(0);
			assertThat(handshake.host() + ":" + handshake.port()).isEqualTo(VIRTUAL_HOST + ":" + port);
			assertThat(handshake.jwt()).isEqualTo(FakeConnectivityTokens.ownTenantToken());
			assertThat(handshake.locationId()).isEqualTo("eu-west");
		});
	}

	private static SimpleMailMessage message(String variant) {
		SimpleMailMessage message = new SimpleMailMessage();
		message.setFrom("app@example.com");
		message.setTo("user@" + VIRTUAL_HOST);
		message.setSubject("Sent over " + variant);
		message.setText("Hello from BTP");
		return message;
	}

	private static SSLContext serverTls() throws Exception {
		javax.net.ssl.KeyManagerFactory keys = javax.net.ssl.KeyManagerFactory
			.getInstance(javax.net.ssl.KeyManagerFactory.getDefaultAlgorithm());
		keys.init(CERTIFICATE.keyStore(), "changeit".toCharArray());
		SSLContext context = SSLContext.getInstance("TLS");
		context.init(keys.getKeyManagers(), null, null);
		return context;
	}

	private static SSLContext clientTls() throws Exception {
		TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
		trust.init(CERTIFICATE.trustStore());
		SSLContext context = SSLContext.getInstance("TLS");
		context.init(null, trust.getTrustManagers(), null);
		return context;
	}

}
