package dev.btpboot.destination;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.btpboot.testing.FakeConnectivityTokens;
import dev.btpboot.testing.MutableClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.exactly;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static dev.btpboot.destination.DestinationStubs.PATH;
import static dev.btpboot.destination.DestinationStubs.answer;
import static dev.btpboot.destination.DestinationStubs.find;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Destination fragments ({@code X-fragment-name}, {@code X-fragment-optional}) against WireMock
 * answering as SAP documents "Extending Destinations with Fragments": the service merges the
 * fragment's properties over the destination's and names it in {@code FragmentName}.
 */
class DestinationFragmentTests {

	@RegisterExtension
	static final WireMockExtension service = WireMockExtension.newInstance()
		.options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"))
		.build();

	private final DestinationService destinations = DestinationStubs.service(service.baseUrl(),
			DestinationFindAllTests.fastRetries(), DestinationStubs.BODIES, new FakeConnectivityTokens(),
			new MutableClock(Instant.parse("2026-01-01T00:00:00Z")), true);

	private static Map<String, String> example(String url) {
		Map<String, String> destination = new LinkedHashMap<>();
		destination.put("Name", "example-destination");
		destination.put("Type", "HTTP");
		destination.put("URL", url);
		destination.put("Authentication", "NoAuthentication");
		destination.put("ProxyType", "Internet");
		return destination;
	}

	@Test
	void aFragmentIsSentAndItsDestinationKeptApartFromTheOneWithoutIt() {
		Map<String, String> merged = example("https://tenant-a.example.com");
		merged.put("FragmentName", "tenant-a");
		merged.put("example-property", "example-value");
		service.stubFor(find("example-destination").withHeader("X-fragment-name", absent())
			.willReturn(okJson(answer(example("https://xxxx.example.com"), ""))));
		service.stubFor(find("example-destination").withHeader("X-fragment-name", equalTo("tenant-a"))
			.willReturn(okJson(answer(merged, ""))));
		for (int i = 0; i < 2; i++) {
			assertThat(this.destinations.require("example-destination", DestinationOptions.fragment("tenant-a"),
					HttpDestination.class, null)
				.url()
				.getHost()).isEqualTo("tenant-a.example.com");
			assertThat(this.destinations.require("example-destination", HttpDestination.class).url().getHost())
				.isEqualTo("xxxx.example.com");
		}
		assertThat(this.destinations.find("example-destination", DestinationOptions.fragment("tenant-a")))
			.get()
			.satisfies((destination) -> assertThat(destination.property("FragmentName")).hasValue("tenant-a"));
		service.verify(exactly(1), getRequestedFor(urlPathEqualTo(PATH + "example-destination"))
			.withHeader("X-fragment-name", equalTo("tenant-a"))
			.withHeader("X-fragment-optional", absent()));
		service.verify(exactly(1), getRequestedFor(urlPathEqualTo(PATH + "example-destination"))
			.withHeader("X-fragment-name", absent()));
	}

	@Test
	void anOptionalFragmentSaysSo() {
		service.stubFor(find("example-destination").willReturn(okJson(answer(example("https://xxxx.example.com"), ""))));
		this.destinations.find("example-destination", DestinationOptions.optionalFragment("maybe"));
		service.verify(getRequestedFor(urlPathEqualTo(PATH + "example-destination"))
			.withHeader("X-fragment-name", equalTo("maybe"))
			.withHeader("X-fragment-optional", equalTo("true")));
	}

	@Test
	void severalFragmentsCannotBeOptional() {
		assertThatIllegalArgumentException().isThrownBy(() -> DestinationOptions.optionalFragment("a,b"))
			.withMessageContaining("only one fragment can be optional");
	}

	@Test
	void aMissingFragmentIsNamedInTheFailure() {
		service.stubFor(find("example-destination").withHeader("X-fragment-name", equalTo("gone"))
			.willReturn(aResponse().withStatus(404)));
		assertThatExceptionOfType(DestinationException.class)
			.isThrownBy(() -> this.destinations.require("example-destination", DestinationOptions.fragment("gone"),
					Destination.class, null))
			.withMessage("Destination 'example-destination' for the provider tenant: looking it up in the Destination "
					+ "service failed: the Destination service knows no destination of this name (instance or "
					+ "subaccount level), or not its fragment 'gone' [HTTP 404]");
	}

}
