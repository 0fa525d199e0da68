package dev.btpboot.benchmarks.destination;

import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.btpboot.binding.BindingsAutoConfiguration;
import dev.btpboot.destination.DestinationAutoConfiguration;
import dev.btpboot.destination.DestinationService;
import dev.btpboot.token.TokenAutoConfiguration;

import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.core.env.MapPropertySource;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

/**
 * One WireMock server as token endpoint and Destination service, and our {@code destinationService}
 * built by the auto-configuration from a {@code VCAP_SERVICES} destination binding. Every
 * destination name is an HTTP destination with basic authentication.
 */
final class DestinationServiceFixture implements AutoCloseable {

	private static final String DESTINATIONS = "/destination-configuration/v1/destinations/.*";

	private final WireMockServer server;

	private final AnnotationConfigApplicationContext context;

	final DestinationService destinations;

	/** @param latencyMillis how long the Destination service takes to answer */
	DestinationServiceFixture(int latencyMillis) {
		this.server = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1").containerThreads(50));
		this.server.start();
		this.server.stubFor(post("/oauth/token").willReturn(okJson(
				"{\"access_token\":\"bench-token\",\"token_type\":\"bearer\",\"expires_in\":43200}")));
		this.server.stubFor(get(urlPathMatching(DESTINATIONS)).willReturn(okJson(
				"{\"destinationConfiguration\":{\"Name\":\"erp\",\"Type\":\"HTTP\",\"URL\":\"http://erp.virtual:44300\","
						+ "\"ProxyType\":\"OnPremise\",\"Authentication\":\"BasicAuthentication\",\"User\":\"u\","
						+ "\"Password\":\"p\"},\"authTokens\":[]}")
			.withFixedDelay(latencyMillis)));
		String url = "http://localhost:" + this.server.port();
		this.context = new AnnotationConfigApplicationContext();
		this.context.getEnvironment()
			.getPropertySources()
			.addFirst(new MapPropertySource("benchmark", Map.of("VCAP_SERVICES",
					"{\"destination\":[{\"name\":\"bench\",\"label\":\"destination\",\"credentials\":{\"clientid\":"
							+ "\"sb-bench\",\"clientsecret\":\"bench-secret\",\"url\":\"" + url + "\",\"uri\":\"" + url
							+ "\"}}]}")));
		this.context.register(BindingsAutoConfiguration.class, TokenAutoConfiguration.class,
				DestinationAutoConfiguration.class);
		this.context.refresh();
		this.destinations = this.context.getBean(DestinationService.class);
	}

	/** @return requests to the Destination service since the last call */
	int takeLookupCount() {
		int count = this.server.countRequestsMatching(anyRequestedFor(urlPathMatching(DESTINATIONS)).build())
			.getCount();
		this.server.resetRequests();
		return count;
	}

	@Override
	public void close() {
		this.context.close();
		this.server.stop();
	}

}
