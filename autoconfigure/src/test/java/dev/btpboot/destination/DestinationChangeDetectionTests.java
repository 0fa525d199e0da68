package dev.btpboot.destination;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.btpboot.testing.FakeConnectivityTokens;
import dev.btpboot.testing.MutableClock;
import dev.btpboot.token.OutgoingHeaders;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static dev.btpboot.destination.DestinationStubs.answer;
import static dev.btpboot.destination.DestinationStubs.basicOnPremise;
import static dev.btpboot.destination.DestinationStubs.find;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Change detection: after the TTL a cached destination is compared with the subaccount's list (one
 * request for every destination of the tenant) and looked up again only when its definition
 * there changed; {@code btp.destination.requests} counts both kinds of requests.
 */
class DestinationChangeDetectionTests {

	@RegisterExtension
	static final WireMockExtension service = WireMockExtension.newInstance()
		.options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"))
		.build();

	private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));

	private final MeterRegistry registry = new SimpleMeterRegistry();

	private final DestinationService destinations;

	DestinationChangeDetectionTests() {
		DestinationObserver observer = new MicrometerDestinationObserver(this.registry);
		this.destinations = new CachingDestinationService(
				new DestinationServiceClient(URI.create(service.baseUrl()), DestinationFindAllTests.fastRetries(),
						DestinationStubs.BODIES, this.clock, observer, OutgoingHeaders.NONE),
				new FakeConnectivityTokens(), new CachingDestinationService.CacheSettings(Duration.ofMinutes(5),
						Duration.ofSeconds(5), true, Duration.ofHours(1)),
				TenantCircuits.NONE, this.clock, observer);
	}

	private double requests(String kind) {
		return this.registry.get(MicrometerDestinationObserver.REQUESTS).tag("kind", kind).counter().count();
	}

	private static void subaccountList(String... urls) {
		StringBuilder list = new StringBuilder("[");
		for (int i = 0; i < urls.length; i++) {
			list.append((i > 0) ? "," : "").append("""
					{"Name": "erp-%d", "Type": "HTTP", "URL": "%s", "ProxyType": "OnPremise",
					 "Authentication": "BasicAuthentication", "User": "erp-user", "Password": "%s",
					 "CloudConnectorLocationId": "loc-1"}""".formatted(i, urls[i], DestinationStubs.SECRET));
		}
		service.stubFor(get(urlPathEqualTo(DestinationFindAllTests.SUBACCOUNT)).willReturn(okJson(list + "]")));
	}

	private static void destination(int index, String url) {
		service.stubFor(find("erp-" + index).willReturn(okJson(answer(basicOnPremise("erp-" + index, url), ""))));
	}

	@Test
	void unchangedDestinationsAreReusedAfterOneListRequestAndAChangedOneIsLookedUpAgain() {
		for (int i = 0; i < 3; i++) {
			destination(i, "http://erp" + i + ".virtual");
			this.destinations.require("erp-" + i);
		}
		assertThat(requests("find")).isEqualTo(3);
		subaccountList("http://erp0.virtual", "http://erp1.virtual", "http://erp2.virtual");
		this.clock.advance(Duration.ofMinutes(6));
		for (int i = 0; i < 3; i++) {
			assertThat(this.destinations.require("erp-" + i, HttpDestination.class).url().getHost())
				.isEqualTo("erp" + i + ".virtual");
		}
		assertThat(requests("list")).isEqualTo(1);
		assertThat(requests("find")).isEqualTo(3);
		subaccountList("http://erp0.virtual", "http://moved.virtual", "http://erp2.virtual");
		destination(1, "http://moved.virtual");
		this.clock.advance(Duration.ofMinutes(6));
		for (int i = 0; i < 3; i++) {
			this.destinations.require("erp-" + i);
		}
		assertThat(this.destinations.require("erp-1", HttpDestination.class).url().getHost()).isEqualTo("moved.virtual");
		assertThat(requests("list")).isEqualTo(2);
		assertThat(requests("find")).isEqualTo(4);
		assertThat(this.registry.get(MicrometerDestinationObserver.LOOKUPS)
			.tags("cache", "miss", "outcome", "unchanged")
			.timer()
			.count()).isEqualTo(5);
	}

	@Test
	void aDestinationIsLookedUpAgainAfterTheMaximumAgeEvenWhenUnchanged() {
		destination(0, "http://erp0.virtual");
		subaccountList("http://erp0.virtual");
		this.destinations.require("erp-0");
		for (int i = 0; i < 12; i++) {
			this.clock.advance(Duration.ofMinutes(5).plusSeconds(1));
			this.destinations.require("erp-0");
		}
		assertThat(requests("find")).isEqualTo(2);
	}

	@Test
	void aDestinationMissingFromTheListIsLookedUpAgain() {
		destination(0, "http://erp0.virtual");
		this.destinations.require("erp-0");
		service.stubFor(get(urlPathEqualTo(DestinationFindAllTests.SUBACCOUNT)).willReturn(okJson("[]")));
		this.clock.advance(Duration.ofMinutes(6));
		this.destinations.require("erp-0");
		assertThat(requests("find")).isEqualTo(2);
		assertThat(requests("list")).isEqualTo(1);
	}

}
