package dev.btpboot.destination;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.btpboot.security.BtpUser;
import dev.btpboot.testing.FakeConnectivityTokens;
import dev.btpboot.testing.MutableClock;
import dev.btpboot.token.OutgoingHeaders;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static dev.btpboot.destination.DestinationStubs.answer;
import static dev.btpboot.destination.DestinationStubs.basicOnPremise;
import static dev.btpboot.destination.DestinationStubs.find;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The circuit per tenant around the Destination service ({@code btp.destinations.circuit.*}):
 * threshold 2, wait 30 s, the service's failures modelled by WireMock (503 after the retries).
 */
class DestinationCircuitTests {

	@RegisterExtension
	static final WireMockExtension service = WireMockExtension.newInstance()
		.options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"))
		.build();

	private static final BtpUser TENANT_A = new BtpUser("alice", "tenant-a-id", "tenant-a", null, null, null,
			FakeConnectivityTokens.jwt("{\"user_name\":\"alice\"}"));

	private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));

	private final DestinationService destinations = new CachingDestinationService(
			new DestinationServiceClient(URI.create(service.baseUrl()), DestinationFindAllTests.fastRetries(),
					DestinationStubs.BODIES, this.clock, DestinationObserver.NONE, OutgoingHeaders.NONE),
			new FakeConnectivityTokens(), new CachingDestinationService.CacheSettings(Duration.ofMinutes(5),
					Duration.ofSeconds(5), false, Duration.ofHours(1)),
			new TenantCircuits(2, Duration.ofSeconds(30), this.clock), this.clock, DestinationObserver.NONE);

	private static int requests() {
		return service.findAll(anyRequestedFor(anyUrl())).size();
	}

	private void failTwice() {
		service.stubFor(get(urlPathMatching(DestinationStubs.PATH + ".*")).willReturn(aResponse().withStatus(503)));
		for (int i = 0; i < 2; i++) {
			this.clock.advance(Duration.ofMinutes(6));
			try {
				this.destinations.find("erp");
			}
			catch (DestinationException ex) {
				assertThat(ex.getHttpStatus()).isEqualTo(503);
			}
		}
	}

	@Test
	void afterRepeatedFailuresNewLookupsFailFastAndCachedDestinationsAreStillServed() {
		service.stubFor(find("erp").willReturn(okJson(answer(basicOnPremise("erp", "http://erp.virtual"), ""))));
		Destination cached = this.destinations.require("erp");
		failTwice();
		int before = requests();
		assertThatExceptionOfType(DestinationException.class).isThrownBy(() -> this.destinations.require("crm"))
			.withMessageStartingWith("Destination 'crm' for the provider tenant: looking it up in the Destination "
					+ "service failed: the Destination service failed 2 time(s) in a row for this tenant; it is not "
					+ "asked again before 2026-01-01T00:12:")
			.withMessageEndingWith("(btp.destinations.circuit.wait-duration)");
		// Past the pause after which a stale destination is asked for again, within the wait.
		this.clock.advance(Duration.ofSeconds(6));
		assertThat(this.destinations.require("erp")).isSameAs(cached);
		assertThat(requests()).isEqualTo(before);
	}

	@Test
	void anotherTenantIsStillAsked() {
		failTwice();
		int before = requests();
		service.stubFor(find("erp").willReturn(okJson(answer(basicOnPremise("erp", "http://erp-a.virtual"), ""))));
		assertThat(this.destinations.require("erp", HttpDestination.class, TENANT_A).url().getHost())
			.isEqualTo("erp-a.virtual");
		assertThat(requests()).isEqualTo(before + 1);
	}

	@Test
	void aProbeThatSucceedsClosesTheCircuitAndOneThatFailsOpensItAgain() {
		failTwice();
		this.clock.advance(Duration.ofSeconds(31));
		int before = requests();
		assertThatExceptionOfType(DestinationException.class).isThrownBy(() -> this.destinations.require("crm"))
			.withMessageContaining("[HTTP 503]");
		assertThat(requests()).isEqualTo(before + 3);
		assertThatExceptionOfType(DestinationException.class).isThrownBy(() -> this.destinations.require("crm"))
			.withMessageContaining("is not asked again before");
		assertThat(requests()).isEqualTo(before + 3);
		this.clock.advance(Duration.ofSeconds(31));
		service.stubFor(find("crm").willReturn(okJson(answer(basicOnPremise("crm", "http://crm.virtual"), ""))));
		assertThat(this.destinations.require("crm").name()).isEqualTo("crm");
		service.stubFor(find("erp").willReturn(okJson(answer(basicOnPremise("erp", "http://erp.virtual"), ""))));
		assertThat(this.destinations.require("erp").name()).isEqualTo("erp");
	}

	@Test
	void refusalsAreTheServiceWorkingAndNeverOpenIt() {
		service.stubFor(find("nope").willReturn(aResponse().withStatus(404)));
		service.stubFor(find("forbidden").willReturn(aResponse().withStatus(403)));
		for (int i = 0; i < 5; i++) {
			assertThat(this.destinations.find("nope")).isEmpty();
			assertThatExceptionOfType(DestinationException.class)
				.isThrownBy(() -> this.destinations.require("forbidden"))
				.withMessageContaining("[HTTP 403]");
		}
		assertThat(requests()).isEqualTo(10);
	}

}
