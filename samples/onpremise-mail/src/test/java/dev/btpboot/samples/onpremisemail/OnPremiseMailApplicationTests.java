package dev.btpboot.samples.onpremisemail;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import com.unboundid.ldap.listener.InMemoryDirectoryServer;
import dev.btpboot.testing.ConnectivityBinding;
import dev.btpboot.testing.FakeConnectivityTokens;
import dev.btpboot.testing.TestDirectory;
import dev.btpboot.testing.TestSocks5Proxy;
import dev.btpboot.token.TokenProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole sample against an on-premise landscape in miniature: GreenMail (SMTP, IMAP) and an
 * UnboundID directory reachable only as {@code mail.virtual} and {@code ldap.virtual} through the
 * strict SOCKS5 0x80 test proxy, and WireMock as the Destination service with the two
 * destinations that name them, their credentials and the Cloud Connector location id.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
class OnPremiseMailApplicationTests {

	@RegisterExtension
	static final GreenMailExtension greenMail = new GreenMailExtension(
			ServerSetup.dynamicPort(new ServerSetup[] { new ServerSetup(0, "127.0.0.1", "smtp"),
					new ServerSetup(0, "127.0.0.1", "imap") }))
		.withPerMethodLifecycle(false);

	static final TestSocks5Proxy proxy = new TestSocks5Proxy();

	static final WireMockServer destinationService = new WireMockServer(
			wireMockConfig().dynamicPort().bindAddress("127.0.0.1"));

	static InMemoryDirectoryServer directory;

	@Autowired
	OnPremiseMailbox mailbox;

	@Autowired
	OnPremiseDirectory people;

	@BeforeAll
	static void startLandscape() throws Exception {
		greenMail.setUser("user@mail.virtual", "user", "secret");
		directory = TestDirectory.start(new String[] { "dn: uid=alice,dc=example,dc=com", "objectClass: inetOrgPerson",
				"uid: alice", "cn: Alice", "sn: Example", "mail: user@mail.virtual" });
		proxy.map("mail.virtual", 25, greenMail.getSmtp().getPort())
			.map("mail.virtual", 143, greenMail.getImap().getPort())
			.map("ldap.virtual", 389, directory.getListenPort());
		destinationService.start();
		destination("onpremise-mail", """
				"Type": "MAIL", "ProxyType": "OnPremise", "CloudConnectorLocationId": "eu-west",
				"mail.smtp.host": "mail.virtual", "mail.smtp.port": "25", "mail.store.protocol": "imap",
				"mail.imap4.host": "mail.virtual", "mail.imap4.port": "143", "mail.user": "user",
				"mail.password": "secret\"""");
		destination("onpremise-directory", """
				"Type": "LDAP", "ldap.proxyType": "OnPremise", "CloudConnectorLocationId": "eu-west",
				"ldap.url": "ldap://ldap.virtual:389", "ldap.user": "cn=admin", "ldap.password": "secret\"""");
	}

	private static void destination(String name, String properties) {
		destinationService.stubFor(get(urlPathEqualTo("/destination-configuration/v1/destinations/" + name))
			.willReturn(okJson("{\"destinationConfiguration\": {\"Name\": \"" + name + "\", " + properties
					+ "}, \"authTokens\": []}")));
	}

	@AfterAll
	static void stopLandscape() {
		directory.shutDown(true);
		proxy.close();
		destinationService.stop();
	}

	@DynamicPropertySource
	static void connectivity(DynamicPropertyRegistry registry) {
		registry.add("VCAP_SERVICES", () -> {
			String connectivity = ConnectivityBinding.vcapServices("127.0.0.1", 1, proxy.port());
			return connectivity.substring(0, connectivity.length() - 1) + ", \"destination\": [{\"name\": \"dest\", "
					+ "\"label\": \"destination\", \"credentials\": {\"clientid\": \"sb-dest\", \"clientsecret\": "
					+ "\"dest-secret\", \"url\": \"http://127.0.0.1:1\", \"uri\": \"" + destinationService.baseUrl()
					+ "\"}}]}";
		});
	}

	@TestConfiguration
	static class Tokens {

		@Bean
		TokenProvider connectivityTokenProvider() {
			return new FakeConnectivityTokens();
		}

		@Bean
		TokenProvider destinationTokenProvider() {
			return new FakeConnectivityTokens();
		}

	}

	@Test
	void sendsReadsAndLooksUpThroughTheConnectivityProxyWithTheDestinations() throws Exception {
		String address = this.people.mailOf("alice").get(0);
		this.mailbox.send("app@example.com", address, "Quarterly report", "Attached.");
		assertThat(greenMail.waitForIncomingEmail(5000, 1)).isTrue();
		assertThat(this.mailbox.subjects()).containsExactly("Quarterly report");
		assertThat(proxy.handshakes()).extracting((handshake) -> handshake.host() + ":" + handshake.port())
			.contains("ldap.virtual:389", "mail.virtual:25", "mail.virtual:143");
		assertThat(proxy.handshakes()).allSatisfy((handshake) -> {
			assertThat(handshake.jwt()).isEqualTo(FakeConnectivityTokens.ownTenantToken());
			assertThat(handshake.locationId()).isEqualTo("eu-west");
		});
	}

}
