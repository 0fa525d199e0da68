package dev.btpboot.destination;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.btpboot.security.BtpUser;
import dev.btpboot.testing.FakeConnectivityTokens;
import dev.btpboot.testing.MutableClock;
import dev.btpboot.token.TokenProperties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.exactly;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@code findAll()} against WireMock answering the Destination service's lists
 * ({@code /instanceDestinations}, {@code /subaccountDestinations}) as SAP documents them: plain
 * arrays of destination configurations.
 */
class DestinationFindAllTests {

	static final String INSTANCE = "/destination-configuration/v1/instanceDestinations";

	static final String SUBACCOUNT = "/destination-configuration/v1/subaccountDestinations";

	@RegisterExtension
	static final WireMockExtension service = WireMockExtension.newInstance()
		.options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1").containerThreads(50))
		.build();

	private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));

	private final DestinationService destinations = DestinationStubs.service(service.baseUrl(), fastRetries(),
			DestinationStubs.BODIES, new FakeConnectivityTokens(), this.clock, false);

	static TokenProperties fastRetries() {
		TokenProperties properties = new TokenProperties();
		properties.getRetry().setInitialBackoff(Duration.ofMillis(1));
		properties.getRetry().setMaxBackoff(Duration.ofMillis(4));
		return properties;
	}

	private static void lists(String instance, String subaccount) {
		service.stubFor(get(urlPathEqualTo(INSTANCE)).willReturn(okJson(instance)));
		service.stubFor(get(urlPathEqualTo(SUBACCOUNT)).willReturn(okJson(subaccount)));
	}

	@Test
	void listsInstanceThenSubaccountDestinationsAndNamesThoseItCannotType() {
		lists("""
				[{"Name": "erp", "Type": "HTTP", "URL": "https://erp-instance.example.com", "ProxyType": "Internet",
				  "Authentication": "NoAuthentication"}]""", """
				[{"Name": "erp", "Type": "HTTP", "URL": "https://erp-subaccount.example.com", "ProxyType": "Internet",
				  "Authentication": "NoAuthentication"},
				 {"Name": "mailbox", "Type": "MAIL", "mail.smtp.host": "smtp.virtual", "ProxyType": "OnPremise",
				  "mail.user": "u", "mail.password": "mail-Passw0rd"},
				 {"Name": "files", "Type": "FTP", "URL": "ftp://files.example.com"},
				 {"Type": "HTTP", "URL": "https://nameless.example.com"}]""");
		DestinationList all = this.destinations.findAll();
		assertThat(all.names()).containsExactly("erp", "mailbox");
		assertThat(all.get("erp")).get()
			.satisfies((erp) -> assertThat(erp.level()).isEqualTo(DestinationLevel.INSTANCE))
			.satisfies((erp) -> assertThat(((HttpDestination) erp).url().getHost()).isEqualTo("erp-instance.example.com"));
		assertThat(all.get("mailbox")).get()
			.satisfies((mailbox) -> assertThat(mailbox.level()).isEqualTo(DestinationLevel.SUBACCOUNT))
			.satisfies((mailbox) -> assertThat(mailbox.authTokens()).isEmpty())
			.isInstanceOf(MailDestination.class);
		assertThat(all.unreadable()).containsEntry("files", "unknown Type 'FTP'")
			.containsEntry("#3", "property 'Name' is missing")
			.hasSize(2);
	}

	@Test
	void eachLevelIsAskedForOncePerTtlAndTenant() {
		lists("[]", "[{\"Name\": \"erp\", \"Type\": \"HTTP\", \"URL\": \"https://erp.example.com\"}]");
		BtpUser tenantA = new BtpUser("alice", "tenant-a-id", "tenant-a", null, null, null,
				FakeConnectivityTokens.jwt("{\"user_name\":\"alice\"}"));
		this.destinations.findAll();
		this.destinations.findAll();
		this.destinations.findAll(tenantA);
		this.destinations.findAll(tenantA);
		service.verify(exactly(2), getRequestedFor(urlPathEqualTo(SUBACCOUNT)));
		service.verify(exactly(1), getRequestedFor(urlPathEqualTo(SUBACCOUNT)).withHeader("Authorization",
				equalTo("Bearer " + FakeConnectivityTokens.tenantIdToken("tenant-a-id"))));
		service.verify(exactly(2), getRequestedFor(urlPathEqualTo(INSTANCE)));
		this.clock.advance(Duration.ofMinutes(5));
		this.destinations.findAll();
		service.verify(exactly(3), getRequestedFor(urlPathEqualTo(SUBACCOUNT)));
	}

	@Test
	void twoHundredThreadsOnAColdCacheMakeOneRequestPerLevel() throws Exception {
		service.stubFor(get(urlPathEqualTo(INSTANCE)).willReturn(okJson("[]").withFixedDelay(300)));
		service.stubFor(get(urlPathEqualTo(SUBACCOUNT)).willReturn(
				okJson("[{\"Name\": \"erp\", \"Type\": \"HTTP\", \"URL\": \"https://erp.example.com\"}]")
					.withFixedDelay(300)));
		ExecutorService pool = Executors.newFixedThreadPool(200);
		try {
			CountDownLatch start = new CountDownLatch(1);
			List<Future<List<String>>> results = new ArrayList<>();
			for (int i = 0; i < 200; i++) {
				results.add(pool.submit(() -> {
					start.await();
					return this.destinations.findAll().names();
				}));
			}
			start.countDown();
			for (Future<List<String>> result : results) {
				assertThat(result.get()).containsExactly("erp");
			}
		}
		finally {
			pool.shutdownNow();
		}
		service.verify(exactly(1), getRequestedFor(urlPathEqualTo(INSTANCE)));
		service.verify(exactly(1), getRequestedFor(urlPathEqualTo(SUBACCOUNT)));
	}

	@Test
	void aFailingServiceServesTheLastListAndFailsClearlyWithoutOne() {
		service.stubFor(get(urlPathEqualTo(INSTANCE)).willReturn(aResponse().withStatus(503)));
		service.stubFor(get(urlPathEqualTo(SUBACCOUNT)).willReturn(aResponse().withStatus(503)));
		assertThatExceptionOfType(DestinationException.class).isThrownBy(this.destinations::findAll)
			.withMessage("Destination '(all of the instance level)' for the provider tenant: looking it up in the "
					+ "Destination service failed: the Destination service answered with an error [HTTP 503]");
		lists("[]", "[{\"Name\": \"erp\", \"Type\": \"HTTP\", \"URL\": \"https://erp.example.com\"}]");
		assertThat(this.destinations.findAll().names()).containsExactly("erp");
		service.stubFor(get(urlPathEqualTo(SUBACCOUNT)).willReturn(aResponse().withStatus(503)));
		this.clock.advance(Duration.ofMinutes(6));
		assertThat(this.destinations.findAll().names()).containsExactly("erp");
	}

}
