package dev.btpboot.connectivity.ldap;

import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;

import javax.naming.Context;
import javax.naming.NamingEnumeration;
import javax.naming.directory.InitialDirContext;
import javax.naming.directory.SearchControls;
import javax.naming.directory.SearchResult;

import com.unboundid.ldap.listener.InMemoryDirectoryServer;
import dev.btpboot.binding.BindingsAutoConfiguration;
import dev.btpboot.connectivity.ConnectivityAutoConfiguration;
import dev.btpboot.connectivity.ConnectivityConfigurationException;
import dev.btpboot.connectivity.socks.ConnectivitySocketFactory;
import dev.btpboot.connectivity.socks.ConnectivitySocksAutoConfiguration;
import dev.btpboot.testing.ConnectivityBinding;
import dev.btpboot.testing.FakeConnectivityTokens;
import dev.btpboot.testing.TestDirectory;
import dev.btpboot.testing.TestSocks5Proxy;
import dev.btpboot.token.TokenProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.ldap.autoconfigure.LdapAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.env.MapPropertySource;
import org.springframework.ldap.core.LdapTemplate;
import org.springframework.ldap.query.LdapQueryBuilder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Spring LDAP and plain JNDI against an UnboundID in-memory directory behind the test SOCKS5
 * proxy, reached as {@code ldap.virtual:389}.
 */
class ConnectivityLdapTests {

	private static final TestSocks5Proxy proxy = new TestSocks5Proxy();

	private static InMemoryDirectoryServer directory;

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(BindingsAutoConfiguration.class, ConnectivityAutoConfiguration.class,
				ConnectivitySocksAutoConfiguration.class, ConnectivityLdapAutoConfiguration.class,
				LdapAutoConfiguration.class))
		.withPropertyValues("VCAP_SERVICES=" + ConnectivityBinding.vcapServices("127.0.0.1", 1, proxy.port()),
				"btp.connectivity.ldap.enabled=true", "btp.connectivity.location-id=eu-west",
				"spring.ldap.urls=ldap://ldap.virtual:389", "spring.ldap.base=dc=example,dc=com",
				"spring.ldap.username=cn=admin", "spring.ldap.password=secret");

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
	void reset() {
		proxy.reset();
	}

	@Test
	void ldapTemplateSearchesThroughTheProxy() {
		this.runner.withBean("connectivityTokenProvider", TokenProvider.class, FakeConnectivityTokens::new)
			.run((context) -> {
				List<String> mails = context.getBean(LdapTemplate.class)
					.search(LdapQueryBuilder.query().where("uid").is("alice"),
							(javax.naming.directory.Attributes attributes) -> (String) attributes.get("mail").get());
				assertThat(mails).containsExactly("alice@example.com");
				assertThat(proxy.handshakes()).isNotEmpty().allSatisfy((handshake) -> {
					assertThat(handshake.host() + ":" + handshake.port()).isEqualTo("ldap.virtual:389");
					assertThat(handshake.jwt()).isEqualTo(FakeConnectivityTokens.ownTenantToken());
					assertThat(handshake.locationId()).isEqualTo("eu-west");
				});
			});
	}

	@Test
	void plainJndiUsesTheFactoryOfTheRunningContext() {
		this.runner.withBean("connectivityTokenProvider", TokenProvider.class, FakeConnectivityTokens::new)
			.run((context) -> {
				Hashtable<String, Object> environment = new Hashtable<>();
				environment.put(Context.INITIAL_CONTEXT_FACTORY, "com.sun.jndi.ldap.LdapCtxFactory");
				environment.put(Context.PROVIDER_URL, "ldap://ldap.virtual:389/dc=example,dc=com");
				environment.put(Context.SECURITY_PRINCIPAL, "cn=admin");
				environment.put(Context.SECURITY_CREDENTIALS, "secret");
				environment.put("java.naming.ldap.factory.socket", ConnectivitySocketFactory.class.getName());
				List<String> names = new ArrayList<>();
				InitialDirContext jndi = new InitialDirContext(environment);
				try {
					SearchControls controls = new SearchControls();
					controls.setSearchScope(SearchControls.SUBTREE_SCOPE);
					NamingEnumeration<SearchResult> results = jndi.search("", "(uid=alice)", controls);
					while (results.hasMore()) {
						names.add(results.next().getNameInNamespace());
					}
				}
				finally {
					jndi.close();
				}
				assertThat(names).containsExactly("uid=alice,ou=people,dc=example,dc=com");
				assertThat(proxy.handshakes()).extracting(TestSocks5Proxy.Handshake::host).containsOnly("ldap.virtual");
			});
	}

	@Test
	void ldapTemplateSearchesThroughALocalRouteWithNoBindingAndNoProxy() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(BindingsAutoConfiguration.class,
					ConnectivityAutoConfiguration.class, ConnectivitySocksAutoConfiguration.class,
					ConnectivityLdapAutoConfiguration.class, LdapAutoConfiguration.class))
			.withPropertyValues("btp.connectivity.ldap.enabled=true", "spring.ldap.urls=ldap://ldap.virtual:389",
					"spring.ldap.base=dc=example,dc=com", "spring.ldap.username=cn=admin",
					"spring.ldap.password=secret")
			// as in a properties file: withPropertyValues would split the key at its colon
			.withInitializer((context) -> context.getEnvironment()
				.getPropertySources()
				.addFirst(new MapPropertySource("application.properties", Map.of(
						"btp.connectivity.local-routes[ldap.virtual:389]", "127.0.0.1:" + directory.getListenPort()))))
			.run((context) -> {
				assertThat(context).hasNotFailed();
				List<String> mails = context.getBean(LdapTemplate.class)
					.search(LdapQueryBuilder.query().where("uid").is("alice"),
							(javax.naming.directory.Attributes attributes) -> (String) attributes.get("mail").get());
				assertThat(mails).containsExactly("alice@example.com");
				assertThat(proxy.handshakes()).isEmpty();
			});
	}

	@Test
	void refusesToStartWithoutAProxyInsteadOfConnectingDirectly() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(BindingsAutoConfiguration.class,
					ConnectivityAutoConfiguration.class, ConnectivitySocksAutoConfiguration.class,
					ConnectivityLdapAutoConfiguration.class, LdapAutoConfiguration.class))
			.withPropertyValues("btp.connectivity.ldap.enabled=true", "spring.ldap.urls=ldap://ldap.virtual:389")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(ConnectivityConfigurationException.class)
				.hasMessageContaining("btp.connectivity.ldap.enabled=true, but there is no connectivity binding"));
	}

	@Test
	void refusesToStartWithoutATokenProvider() {
		this.runner.run((context) -> assertThat(context).getFailure()
			.rootCause()
			.isInstanceOf(ConnectivityConfigurationException.class)
			.hasMessageContaining("btp.connectivity.ldap.enabled=true needs tokens for the connectivity proxy"));
	}

	@Test
	void aSpringLdapFeatureWithoutSpringLdapRefusesToStartNamingTheDependency() {
		withoutSpringLdap().withPropertyValues("btp.connectivity.ldap.enabled=true")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(ConnectivityConfigurationException.class)
				.hasMessage("On-premise connectivity: btp.connectivity.ldap.enabled=true, but Spring LDAP is not on "
						+ "the class path. Add the dependency org.springframework.boot:spring-boot-starter-ldap to the "
						+ "application, or remove btp.connectivity.ldap.enabled."));
	}

	@Test
	void anLdapDestinationWithoutSpringLdapRefusesToStartNamingTheDependency() {
		withoutSpringLdap().withPropertyValues("btp.connectivity.ldap.destination=corporate-directory")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(ConnectivityConfigurationException.class)
				.hasMessageContaining("btp.connectivity.ldap.destination=corporate-directory, but Spring LDAP is not")
				.hasMessageContaining("org.springframework.boot:spring-boot-starter-ldap")
				.hasMessageEndingWith("or remove btp.connectivity.ldap.destination."));
	}

	@Test
	void springBootsLdapSupportIsNeededBesideSpringLdap() {
		withoutSpringLdap("org.springframework.boot.ldap").withPropertyValues("btp.connectivity.ldap.enabled=true")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("spring-boot-starter-ldap"));
	}

	@Test
	void withoutSpringLdapAndWithoutItsFeaturesTheApplicationStarts() {
		withoutSpringLdap().withPropertyValues("btp.connectivity.ldap.enabled=false")
			.run((context) -> assertThat(context).hasNotFailed());
	}

	private static ApplicationContextRunner withoutSpringLdap(String... hiddenPackages) {
		return new ApplicationContextRunner()
			.withClassLoader(new FilteredClassLoader(
					(hiddenPackages.length > 0) ? hiddenPackages : new String[] { "org.springframework.ldap" }))
			// no LdapAutoConfiguration: without Spring Boot's LDAP module, no application has it
			.withConfiguration(AutoConfigurations.of(BindingsAutoConfiguration.class,
					ConnectivityAutoConfiguration.class, ConnectivitySocksAutoConfiguration.class,
					ConnectivityLdapAutoConfiguration.class));
	}

}
