package dev.btpboot.destination.mail;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import dev.btpboot.binding.BindingsAutoConfiguration;
import dev.btpboot.connectivity.ConnectivityAutoConfiguration;
import dev.btpboot.connectivity.mail.ConnectivityMailSessions;
import dev.btpboot.connectivity.socks.ConnectivitySocksAutoConfiguration;
import dev.btpboot.destination.DestinationAutoConfiguration;
import dev.btpboot.testing.ConnectivityBinding;
import dev.btpboot.testing.DestinationBinding;
import dev.btpboot.testing.FakeConnectivityTokens;
import dev.btpboot.testing.GreenMailTls;
import dev.btpboot.testing.TestCertificates;
import dev.btpboot.testing.TestSocks5Proxy;
import dev.btpboot.token.TokenAutoConfiguration;
import dev.btpboot.token.TokenProvider;
import jakarta.mail.Folder;
import jakarta.mail.Store;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.mail.autoconfigure.MailSenderAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Spring Boot's JavaMailSender and {@link ConnectivityMailSessions} configured from a MAIL
 * destination (WireMock as the Destination service): on premise through the test SOCKS5 0x80
 * proxy to GreenMail with implicit TLS end to end and the destination's location id, over the
 * internet directly. No {@code spring.mail.host} is set.
 */
class DestinationMailTests {

	private static final String VIRTUAL_HOST = "mail.virtual";

	private static final String PASSWORD = "mail-Passw0rd-never-logged";

	/** Shared with every test class that starts GreenMail's TLS servers (see {@link GreenMailTls}). */
	private static final TestCertificates.Issued CERTIFICATE = GreenMailTls.certificate();

	@RegisterExtension
	static final GreenMailExtension greenMail = new GreenMailExtension(List.of("smtp", "smtps", "imaps")
		.stream()
		.map((protocol) -> new ServerSetup(0, "127.0.0.1", protocol))
		.toArray(ServerSetup[]::new)).withPerMethodLifecycle(false);

	@RegisterExtension
	static final WireMockExtension service = WireMockExtension.newInstance()
		.options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"))
		.build();

	private static final TestSocks5Proxy proxy = new TestSocks5Proxy();

	private final FakeConnectivityTokens tokens = new FakeConnectivityTokens();

	private ApplicationContextRunner runner;

	@BeforeAll
	static void mapVirtualHosts() {
		proxy.map(VIRTUAL_HOST, 465, greenMail.getSmtps().getPort()).map(VIRTUAL_HOST, 993,
				greenMail.getImaps().getPort());
		greenMail.setUser("user@" + VIRTUAL_HOST, "user", PASSWORD);
	}

	@AfterAll
	static void stop() {
		proxy.close();
	}

	@BeforeEach
	void setUp() throws Exception {
		greenMail.purgeEmailFromAllMailboxes();
		proxy.reset();
		String connectivity = ConnectivityBinding.vcapServices("127.0.0.1", 1, proxy.port());
		this.runner = new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(BindingsAutoConfiguration.class, TokenAutoConfiguration.class,
					ConnectivityAutoConfiguration.class, ConnectivitySocksAutoConfiguration.class,
					DestinationAutoConfiguration.class, DestinationMailAutoConfiguration.class,
					MailSenderAutoConfiguration.class, SslAutoConfiguration.class))
			.withBean("connectivityTokenProvider", TokenProvider.class, () -> this.tokens)
			.withBean("destinationTokenProvider", TokenProvider.class, FakeConnectivityTokens::new)
			.withPropertyValues("btp.bindings.kubernetes-root=/nonexistent",
					"VCAP_SERVICES=" + DestinationBinding.addTo(connectivity, service.baseUrl()),
					"btp.connectivity.location-id=configured-location", "btp.connectivity.mail.destination=mailbox",
					"spring.ssl.bundle.pem.mail.truststore.certificate=" + CERTIFICATE.certificatePem(),
					"spring.mail.ssl.bundle=mail");
	}

	private static void destination(Map<String, String> configuration) {
		String properties = configuration.entrySet()
			.stream()
			.map((e) -> "\"" + e.getKey() + "\":\"" + e.getValue() + "\"")
			.collect(Collectors.joining(","));
		service.stubFor(get(urlPathEqualTo("/destination-configuration/v1/destinations/mailbox"))
			.willReturn(okJson("{\"destinationConfiguration\":{" + properties + "},\"authTokens\":[]}")));
	}

	private static Map<String, String> onPremise() {
		return Map.ofEntries(Map.entry("Name", "mailbox"), Map.entry("Type", "MAIL"),
				Map.entry("ProxyType", "OnPremise"), Map.entry("CloudConnectorLocationId", "mail-location"),
				Map.entry("mail.transport.protocol", "smtp"), Map.entry("mail.smtp.host", VIRTUAL_HOST),
				Map.entry("mail.smtp.port", "465"), Map.entry("mail.smtp.ssl.enable", "true"),
				Map.entry("mail.smtp.auth", "true"), Map.entry("mail.user", "user"),
				Map.entry("mail.password", PASSWORD), Map.entry("mail.imap4.host", VIRTUAL_HOST),
				Map.entry("mail.imap4.port", "993"), Map.entry("mail.imap4.ssl.enable", "true"));
	}

	private static SimpleMailMessage message(String subject) {
		SimpleMailMessage message = new SimpleMailMessage();
		message.setFrom("app@example.com");
		message.setTo("user@" + VIRTUAL_HOST);
		message.setSubject(subject);
		message.setText("Hello");
		return message;
	}

	@Test
	void sendsAndReadsThroughTheProxyWithTheDestinationsLocationAndTlsEndToEnd() throws Exception {
		destination(onPremise());
		this.runner.run((context) -> {
			context.getBean(JavaMailSender.class).send(message("on premise"));
			assertThat(greenMail.waitForIncomingEmail(5000, 1)).isTrue();
			MimeMessage received = greenMail.getReceivedMessages()[0];
			assertThat(received.getSubject()).isEqualTo("on premise");
			assertThat(received.getHeader("Received")[0]).contains(TestSocks5Proxy.OUTBOUND_ADDRESS);
			try (Store store = context.getBean(ConnectivityMailSessions.class).session().getStore("imap")) {
				store.connect();
				Folder inbox = store.getFolder("INBOX");
				inbox.open(Folder.READ_ONLY);
				assertThat(inbox.getMessages()).extracting((message) -> message.getSubject()).containsExactly("on premise");
			}
		});
		assertThat(proxy.handshakes()).hasSize(2).allSatisfy((handshake) -> {
			assertThat(handshake.locationId()).isEqualTo("mail-location");
			assertThat(handshake.host()).isEqualTo(VIRTUAL_HOST);
			assertThat(handshake.jwt()).isEqualTo(FakeConnectivityTokens.ownTenantToken());
		});
		assertThat(proxy.handshakes()).extracting(TestSocks5Proxy.Handshake::port).containsExactly(465, 993);
	}

	@Test
	void anInternetDestinationIsReachedDirectly() {
		destination(Map.of("Name", "mailbox", "Type", "MAIL", "ProxyType", "Internet", "mail.smtp.host", "127.0.0.1",
				"mail.smtp.port", String.valueOf(greenMail.getSmtp().getPort())));
		this.runner.run((context) -> {
			context.getBean(JavaMailSender.class).send(message("internet"));
			assertThat(greenMail.waitForIncomingEmail(5000, 1)).isTrue();
			assertThat(greenMail.getReceivedMessages()[0].getHeader("Received")[0])
				.doesNotContain(TestSocks5Proxy.OUTBOUND_ADDRESS);
		});
		assertThat(proxy.handshakes()).isEmpty();
	}

	@Test
	void aChangedDestinationIsUsedForTheNextMail() {
		destination(Map.of("Name", "mailbox", "Type", "MAIL", "ProxyType", "Internet", "mail.smtp.host", "127.0.0.1",
				"mail.smtp.port", String.valueOf(greenMail.getSmtp().getPort())));
		this.runner.withPropertyValues("btp.destinations.cache.ttl=0s").run((context) -> {
			JavaMailSender sender = context.getBean(JavaMailSender.class);
			sender.send(message("first"));
			assertThat(proxy.handshakes()).isEmpty();
			destination(onPremise());
			sender.send(message("second"));
			assertThat(greenMail.waitForIncomingEmail(5000, 2)).isTrue();
			assertThat(proxy.handshakes()).singleElement()
				.satisfies((handshake) -> assertThat(handshake.port()).isEqualTo(465));
		});
	}

	@Test
	void withoutADestinationBindingTheApplicationDoesNotStart() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(BindingsAutoConfiguration.class, TokenAutoConfiguration.class,
					DestinationAutoConfiguration.class, DestinationMailAutoConfiguration.class))
			.withPropertyValues("btp.bindings.kubernetes-root=/nonexistent", "btp.connectivity.mail.destination=mailbox")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("btp.connectivity.mail.destination=mailbox, but there is no destination binding"));
	}

}
