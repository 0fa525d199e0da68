package dev.btpboot.destination;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.http.Fault;
import dev.btpboot.security.BtpUser;
import dev.btpboot.testing.FakeConnectivityTokens;
import dev.btpboot.testing.MutableClock;
import dev.btpboot.token.OutgoingHeaders;
import dev.btpboot.token.TokenProperties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.exactly;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static dev.btpboot.destination.DestinationStubs.PATH;
import static dev.btpboot.destination.DestinationStubs.SECRET;
import static dev.btpboot.destination.DestinationStubs.answer;
import static dev.btpboot.destination.DestinationStubs.basicOnPremise;
import static dev.btpboot.destination.DestinationStubs.bearer;
import static dev.btpboot.destination.DestinationStubs.find;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The destination service against WireMock as the Destination service's REST API: what it asks
 * with, what it makes of the answers, the cache and every failure. Tokens of the destination
 * binding come from a fake provider (the real one is tested against WireMock in the token
 * package and in {@link DestinationAutoConfigurationTests}).
 */
class DestinationServiceTests {

	@RegisterExtension
	static final WireMockExtension service = WireMockExtension.newInstance()
		.options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"))
		.build();

	private static final String USER_JWT = FakeConnectivityTokens.jwt("{\"user_name\":\"alice\",\"zdn\":\"tenant-a\"}");

	private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));

	private final FakeConnectivityTokens tokens = new FakeConnectivityTokens();

	private final DestinationProperties properties = new DestinationProperties();

	private final DestinationService destinations = service();

	private DestinationService service() {
		TokenProperties tokenProperties = new TokenProperties();
		tokenProperties.getRetry().setInitialBackoff(Duration.ofMillis(1));
		tokenProperties.getRetry().setMaxBackoff(Duration.ofMillis(4));
		return new CachingDestinationService(
				new DestinationServiceClient(URI.create(service.baseUrl()), tokenProperties, DestinationStubs.BODIES,
						this.clock, OutgoingHeaders.NONE), this.tokens,
				new DestinationCache(this.properties.getCache().getTtl(), Duration.ofSeconds(5), this.clock,
						DestinationObserver.NONE));
	}

	@AfterEach
	void signOut() {
		SecurityContextHolder.clearContext();
	}

	private static void signIn(BtpUser user) {
		SecurityContextHolder.getContext().setAuthentication(new TestingAuthenticationToken(user, null));
	}

	private static void stub(String name, Map<String, String> configuration, String authTokens) {
		service.stubFor(find(name).willReturn(okJson(answer(configuration, authTokens))));
	}

	@Test
	void readsAnHttpDestinationWithTheBindingsTokenForTheProviderTenant() {
		Map<String, String> configuration = new LinkedHashMap<>(basicOnPremise("erp", "http://erp.virtual:44300/sap"));
		configuration.put("URL.headers.sap-client", "100");
		configuration.put("URL.queries.$format", "json");
		stub("erp", configuration, "");
		HttpDestination erp = this.destinations.require("erp", HttpDestination.class);
		assertThat(erp.name()).isEqualTo("erp");
		assertThat(erp.url()).isEqualTo(URI.create("http://erp.virtual:44300/sap"));
		assertThat(erp.proxyType()).isEqualTo(ProxyType.ON_PREMISE);
		assertThat(erp.locationId()).isEqualTo("loc-1");
		assertThat(erp.authentication()).isEqualTo("BasicAuthentication");
		assertThat(erp.user()).isEqualTo("erp-user");
		assertThat(erp.password()).isEqualTo(SECRET);
		assertThat(erp.headers()).containsExactly(Map.entry("sap-client", "100"));
		assertThat(erp.queries()).containsExactly(Map.entry("$format", "json"));
		assertThat(erp.properties()).containsEntry("Password", SECRET);
		assertThat(erp.toString()).contains("erp", "Password").doesNotContain(SECRET);
		service.verify(getRequestedFor(urlPathEqualTo(PATH + "erp"))
			.withHeader("Authorization", equalTo("Bearer " + FakeConnectivityTokens.ownTenantToken()))
			.withHeader("X-user-token", absent()));
	}

	@Test
	void aSubscriberTenantsUserAsksWithThatTenantsTokenAndGetsItsOwnEntry() {
		stub("erp", basicOnPremise("erp", "http://erp.virtual"), "");
		this.destinations.find("erp");
		signIn(new BtpUser("alice", "tenant-a-id", "tenant-a", null, null, null, USER_JWT));
		this.destinations.find("erp");
		this.destinations.find("erp");
		service.verify(exactly(1), getRequestedFor(urlPathEqualTo(PATH + "erp")).withHeader("Authorization",
				equalTo("Bearer " + FakeConnectivityTokens.tenantIdToken("tenant-a-id"))));
		service.verify(exactly(2), getRequestedFor(urlPathEqualTo(PATH + "erp")));
	}

	@Test
	void readsMailLdapTcpAndRfcDestinations() {
		stub("mail", Map.of("Name", "mail", "Type", "MAIL", "ProxyType", "OnPremise", "CloudConnectorLocationId", "loc",
				"mail.smtp.host", "smtp.virtual", "mail.smtp.port", "587", "mail.user", "u", "mail.password", SECRET,
				"mail.imap4.host", "imap.virtual", "mail.imap4.port", "143"), "");
		stub("ldap", Map.of("Name", "ldap", "Type", "LDAP", "ldap.url", "ldap://ldap.virtual:389", "ldap.proxyType",
				"OnPremise", "ldap.user", "cn=admin", "ldap.password", SECRET), "");
		stub("tcp", Map.of("Name", "tcp", "Type", "TCP", "Address", "tcp://echo.virtual:7", "ProxyType", "Internet"), "");
		stub("rfc", Map.of("Name", "rfc", "Type", "RFC", "jco.client.ashost", "erp.virtual"), "");
		MailDestination mail = this.destinations.require("mail", MailDestination.class);
		assertThat(mail.protocol()).isEqualTo("smtp");
		assertThat(mail.host()).isEqualTo("smtp.virtual");
		assertThat(mail.port()).isEqualTo(587);
		assertThat(mail.password()).isEqualTo(SECRET);
		assertThat(mail.javaMailProperties()).containsEntry("mail.imap.host", "imap.virtual")
			.containsEntry("mail.imap.port", "143")
			.containsEntry("mail.user", "u")
			.doesNotContainKeys("mail.password", "mail.imap4.host");
		LdapDestination ldap = this.destinations.require("ldap", LdapDestination.class);
		assertThat(ldap.url()).isEqualTo("ldap://ldap.virtual:389");
		assertThat(ldap.proxyType()).isEqualTo(ProxyType.ON_PREMISE);
		assertThat(ldap.user()).isEqualTo("cn=admin");
		TcpDestination tcp = this.destinations.require("tcp", TcpDestination.class);
		assertThat(tcp.host()).isEqualTo("echo.virtual");
		assertThat(tcp.port()).isEqualTo(7);
		assertThat(tcp.proxyType()).isEqualTo(ProxyType.INTERNET);
		assertThat(this.destinations.require("rfc")).isInstanceOf(RfcDestination.class)
			.satisfies((rfc) -> assertThat(rfc.property("jco.client.ashost")).hasValue("erp.virtual"));
		assertThat(List.of(mail.toString(), ldap.toString())).noneMatch((text) -> text.contains(SECRET));
	}

	@Test
	void twoHundredThreadsOnAColdCacheMakeOneLookup() throws Exception {
		service.stubFor(find("erp").willReturn(okJson(answer(basicOnPremise("erp", "http://erp.virtual"), ""))
			.withFixedDelay(300)));
		assertThat(concurrently(200, () -> this.destinations.require("erp").name())).containsOnly("erp");
		service.verify(exactly(1), getRequestedFor(urlPathEqualTo(PATH + "erp")));
	}

	@Test
	void aChangedDestinationIsSeenAfterTheTtl() {
		stub("erp", basicOnPremise("erp", "http://old.virtual"), "");
		assertThat(this.destinations.require("erp", HttpDestination.class).url().getHost()).isEqualTo("old.virtual");
		stub("erp", basicOnPremise("erp", "http://new.virtual"), "");
		this.clock.advance(Duration.ofMinutes(4));
		assertThat(this.destinations.require("erp", HttpDestination.class).url().getHost()).isEqualTo("old.virtual");
		this.clock.advance(Duration.ofMinutes(1));
		assertThat(this.destinations.require("erp", HttpDestination.class).url().getHost()).isEqualTo("new.virtual");
		service.verify(exactly(2), getRequestedFor(urlPathEqualTo(PATH + "erp")));
	}

	@Test
	void anAuthTokenIsNeverUsedPastItsExpiresIn() {
		Map<String, String> oauth = Map.of("Name", "api", "Type", "HTTP", "URL", "https://api.example.com",
				"Authentication", "OAuth2ClientCredentials");
		stub("api", oauth, bearer("first", 120));
		assertThat(this.destinations.require("api").authTokens().get(0).value()).isEqualTo("first");
		stub("api", oauth, bearer("second", 120));
		this.clock.advance(Duration.ofSeconds(59));
		assertThat(this.destinations.require("api").authTokens().get(0).value()).isEqualTo("first");
		this.clock.advance(Duration.ofSeconds(2));
		assertThat(this.destinations.require("api").authTokens().get(0).value()).isEqualTo("second");
	}

	@Test
	void aFailingServiceGetsRetriedAndTheCachedDestinationIsServedMeanwhile() {
		stub("erp", basicOnPremise("erp", "http://erp.virtual"), "");
		Destination cached = this.destinations.require("erp");
		service.stubFor(find("erp").willReturn(aResponse().withStatus(503)));
		this.clock.advance(Duration.ofMinutes(6));
		assertThat(this.destinations.require("erp")).isSameAs(cached);
		service.verify(exactly(1 + 3), getRequestedFor(urlPathEqualTo(PATH + "erp")));
		// Not asked again on every call while it fails, but after a pause.
		assertThat(this.destinations.require("erp")).isSameAs(cached);
		service.verify(exactly(1 + 3), getRequestedFor(urlPathEqualTo(PATH + "erp")));
		stub("erp", basicOnPremise("erp", "http://back.virtual"), "");
		this.clock.advance(Duration.ofSeconds(6));
		assertThat(this.destinations.require("erp", HttpDestination.class).url().getHost()).isEqualTo("back.virtual");
	}

	@Test
	void anOutageWithNothingCachedNamesDestinationTenantAndStep() {
		service.stubFor(find("erp").willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
		signIn(new BtpUser("alice", "tenant-a-id", "tenant-a", null, null, null, USER_JWT));
		assertThatExceptionOfType(DestinationException.class).isThrownBy(() -> this.destinations.find("erp"))
			.withMessageStartingWith("Destination 'erp' for tenant 'tenant-a-id': looking it up in the Destination "
					+ "service failed: I/O error")
			.satisfies((ex) -> assertThat(ex.getStep()).isEqualTo(DestinationException.Step.LOOKUP));
		service.verify(exactly(3), getRequestedFor(urlPathEqualTo(PATH + "erp")));
	}

	@Test
	void anUnknownDestinationIsEmptyForFindAndAFailureForRequire() {
		service.stubFor(find("nope").willReturn(aResponse().withStatus(404)));
		assertThat(this.destinations.find("nope")).isEmpty();
		assertThatExceptionOfType(DestinationException.class).isThrownBy(() -> this.destinations.require("nope"))
			.withMessage("Destination 'nope' for the provider tenant: looking it up in the Destination service failed: "
					+ "the Destination service knows no destination of this name (instance or subaccount level) "
					+ "[HTTP 404]");
	}

	@Test
	void aRefusedTokenIsAFailureQuotingTheService() {
		service.stubFor(find("erp").willReturn(aResponse().withStatus(403)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"ErrorMessage\":\"Insufficient scope\"}")));
		assertThatExceptionOfType(DestinationException.class).isThrownBy(() -> this.destinations.require("erp"))
			.withMessage("Destination 'erp' for the provider tenant: looking it up in the Destination service failed: "
					+ "the Destination service refused the binding's token for this tenant [HTTP 403]: "
					+ "\"Insufficient scope\"")
			.satisfies((ex) -> assertThat(ex.getHttpStatus()).isEqualTo(403));
		service.verify(exactly(1), getRequestedFor(urlPathEqualTo(PATH + "erp")));
	}

	@Test
	void aDestinationOfAnotherTypeIsAFailure() {
		stub("mail", Map.of("Name", "mail", "Type", "MAIL", "mail.smtp.host", "smtp.virtual"), "");
		assertThatExceptionOfType(DestinationException.class)
			.isThrownBy(() -> this.destinations.require("mail", HttpDestination.class))
			.withMessage("Destination 'mail' for the provider tenant: using it as the type needed failed: "
					+ "it is of Type MAIL, not HTTP");
	}

	@Test
	void anInvalidDestinationNamesTheProperty() {
		stub("tcp", Map.of("Name", "tcp", "Type", "TCP", "Address", "echo.virtual"), "");
		assertThatExceptionOfType(DestinationException.class).isThrownBy(() -> this.destinations.require("tcp"))
			.withMessageContaining("Destination 'tcp'")
			.withMessageContaining("property 'Address' is not host:port");
	}

	@Test
	void aUserDependentDestinationIsAskedForWithTheUsersTokenAndCachedPerUser() {
		Map<String, String> exchange = Map.of("Name", "s4", "Type", "HTTP", "URL", "https://s4.example.com",
				"Authentication", "OAuth2UserTokenExchange");
		service.stubFor(find("s4").withHeader("X-user-token", absent())
			.willReturn(okJson(answer(exchange, "{\"type\":\"\",\"value\":\"\",\"error\":\"user token missing\"}"))));
		service.stubFor(find("s4").withHeader("X-user-token", equalTo(USER_JWT))
			.willReturn(okJson(answer(exchange, bearer("alice-token", 3600)))));
		String bobJwt = FakeConnectivityTokens.jwt("{\"user_name\":\"bob\"}");
		service.stubFor(find("s4").withHeader("X-user-token", equalTo(bobJwt))
			.willReturn(okJson(answer(exchange, bearer("bob-token", 3600)))));
		BtpUser alice = new BtpUser("alice", "t", "tenant-a", null, null, null, USER_JWT);
		BtpUser bob = new BtpUser("bob", "t", "tenant-a", null, null, null, bobJwt);
		for (int i = 0; i < 2; i++) {
			signIn(alice);
			assertThat(this.destinations.require("s4").authTokens().get(0).value()).isEqualTo("alice-token");
			signIn(bob);
			assertThat(this.destinations.require("s4").authTokens().get(0).value()).isEqualTo("bob-token");
		}
		service.verify(exactly(1), getRequestedFor(urlPathEqualTo(PATH + "s4")).withHeader("X-user-token", absent()));
		service.verify(exactly(1),
				getRequestedFor(urlPathEqualTo(PATH + "s4")).withHeader("X-user-token", equalTo(USER_JWT)));
		service.verify(exactly(1),
				getRequestedFor(urlPathEqualTo(PATH + "s4")).withHeader("X-user-token", equalTo(bobJwt)));
	}

	@Test
	void aLocationIdTheProxyCannotTakeNamesTheProperty() {
		stub("erp", Map.of("Name", "erp", "Type", "HTTP", "URL", "http://erp.virtual", "ProxyType", "OnPremise",
				"CloudConnectorLocationId", "m\u00fcnchen"), "");
		assertThatExceptionOfType(DestinationException.class).isThrownBy(() -> this.destinations.require("erp"))
			.withMessage("Destination 'erp' for the provider tenant: reading the Destination service's answer failed: "
					+ "property 'CloudConnectorLocationId' cannot be sent to the connectivity proxy (printable ASCII, "
					+ "at most 189 characters)");
	}

	private static Set<String> concurrently(int threads, java.util.function.Supplier<String> call) throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(threads);
		try {
			CountDownLatch start = new CountDownLatch(1);
			List<Future<String>> results = new ArrayList<>();
			for (int i = 0; i < threads; i++) {
				results.add(pool.submit(() -> {
					start.await();
					return call.get();
				}));
			}
			start.countDown();
			Set<String> values = ConcurrentHashMap.newKeySet();
			for (Future<String> result : results) {
				values.add(result.get());
			}
			return values;
		}
		finally {
			pool.shutdownNow();
		}
	}

}
