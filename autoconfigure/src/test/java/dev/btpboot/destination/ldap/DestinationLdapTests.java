package dev.btpboot.destination.ldap;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.unboundid.ldap.listener.InMemoryDirectoryServer;
import dev.btpboot.binding.BindingsAutoConfiguration;
import dev.btpboot.connectivity.ConnectivityAutoConfiguration;
import dev.btpboot.connectivity.socks.ConnectivitySocksAutoConfiguration;
import dev.btpboot.destination.DestinationAutoConfiguration;
import dev.btpboot.testing.ConnectivityBinding;
import dev.btpboot.testing.DestinationBinding;
import dev.btpboot.testing.FakeConnectivityTokens;
import dev.btpboot.testing.TestDirectory;
import dev.btpboot.testing.TestSocks5Proxy;
import dev.btpboot.token.TokenAutoConfiguration;
import dev.btpboot.token.TokenProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.ldap.autoconfigure.LdapAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.ldap.core.LdapTemplate;
import org.springframework.ldap.query.LdapQueryBuilder;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Spring Boot's LdapTemplate configured from an LDAP destination (WireMock as the Destination
 * service) against an UnboundID directory: on premise through the test SOCKS5 proxy as
 * {@code ldap.virtual:389} with the destination's location id, over the internet directly.
 */
class DestinationLdapTests {

	private static final String PASSWORD = "secret";

	@RegisterExtension
	static final WireMockExtension service = WireMockExtension.newInstance()
		.options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"))
		.build();

	private static final TestSocks5Proxy proxy = new TestSocks5Proxy();

	private static InMemoryDirectoryServer directory;

	private ApplicationContextRunner runner;

	@BeforeAll
	static void startDirectory() throws Exception {
		directory = TestDirectory.start(
				new String[] { "dn: ou=people,dc=example,dc=com", "objectClass: organizationalUnit", "ou: people" },
				new String[] { "dn: uid=alice,ou=people,dc=example,dc=com", "objectClass: inetOrgPerson", "uid: alice",
						"cn: Alice", "sn: Example", "mail: alice@example.com" });
		proxy.map("ldap.virtual", 389, directory.getListenPort());
	}

	@AfterAll
	static void stop() {
		directory.shutDown(true);
		proxy.close();
	}

	@BeforeEach
	void setUp() {
		proxy.reset();
		String connectivity = ConnectivityBinding.vcapServices("127.0.0.1", 1, proxy.port());
		this.runner = new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(BindingsAutoConfiguration.class, TokenAutoConfiguration.class,
					ConnectivityAutoConfiguration.class, ConnectivitySocksAutoConfiguration.class,
					DestinationAutoConfiguration.class, DestinationLdapAutoConfiguration.class,
					LdapAutoConfiguration.class))
			.withBean("connectivityTokenProvider", TokenProvider.class, FakeConnectivityTokens::new)
			.withBean("destinationTokenProvider", TokenProvider.class, FakeConnectivityTokens::new)
			.withPropertyValues("btp.bindings.kubernetes-root=/nonexistent",
					"VCAP_SERVICES=" + DestinationBinding.addTo(connectivity, service.baseUrl()),
					"btp.connectivity.location-id=configured-location", "btp.connectivity.ldap.destination=directory",
					"spring.ldap.base=dc=example,dc=com");
	}

	private static void destination(Map<String, String> configuration) {
		String properties = configuration.entrySet()
			.stream()
			.map((e) -> "\"" + e.getKey() + "\":\"" + e.getValue() + "\"")
			.collect(Collectors.joining(","));
		service.stubFor(get(urlPathEqualTo("/destination-configuration/v1/destinations/directory"))
			.willReturn(okJson("{\"destinationConfiguration\":{" + properties + "},\"authTokens\":[]}")));
	}

	private static List<String> searchAlice(LdapTemplate ldap) {
		return ldap.search(LdapQueryBuilder.query().where("uid").is("alice"),
				(javax.naming.directory.Attributes attributes) -> (String) attributes.get("mail").get());
	}

	@Test
	void searchesThroughTheProxyWithTheDestinationsLocation() {
		destination(Map.of("Name", "directory", "Type", "LDAP", "ldap.url", "ldap://ldap.virtual:389",
				"ldap.proxyType", "OnPremise", "CloudConnectorLocationId", "ldap-location", "ldap.user", "cn=admin",
				"ldap.password", PASSWORD, "ldap.authentication", "BasicAuthentication"));
		this.runner.run((context) -> {
			assertThat(searchAlice(context.getBean(LdapTemplate.class))).containsExactly("alice@example.com");
			assertThat(proxy.handshakes()).isNotEmpty().allSatisfy((handshake) -> {
				assertThat(handshake.host() + ":" + handshake.port()).isEqualTo("ldap.virtual:389");
				assertThat(handshake.locationId()).isEqualTo("ldap-location");
				assertThat(handshake.jwt()).isEqualTo(FakeConnectivityTokens.ownTenantToken());
			});
		});
	}

	@Test
	void anInternetDestinationIsReachedDirectly() {
		destination(Map.of("Name", "directory", "Type", "LDAP", "ldap.url",
				"ldap://127.0.0.1:" + directory.getListenPort(), "ldap.proxyType", "Internet", "ldap.user", "cn=admin",
				"ldap.password", PASSWORD));
		this.runner.run((context) -> {
			assertThat(searchAlice(context.getBean(LdapTemplate.class))).containsExactly("alice@example.com");
			assertThat(proxy.handshakes()).isEmpty();
		});
	}

	@Test
	void aWrongPasswordFromTheDestinationIsRefusedByTheDirectory() {
		destination(Map.of("Name", "directory", "Type", "LDAP", "ldap.url",
				"ldap://127.0.0.1:" + directory.getListenPort(), "ldap.user", "cn=admin", "ldap.password", "wrong"));
		this.runner.run((context) -> assertThat(org.assertj.core.api.Assertions
			.catchThrowable(() -> searchAlice(context.getBean(LdapTemplate.class))))
			.isInstanceOf(org.springframework.ldap.AuthenticationException.class));
	}

}
