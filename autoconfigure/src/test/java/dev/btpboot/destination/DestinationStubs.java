package dev.btpboot.destination;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import dev.btpboot.token.BtpHttpProperties;
import dev.btpboot.token.OutgoingHeaders;
import dev.btpboot.token.ResponseBodies;
import dev.btpboot.token.TokenProperties;
import dev.btpboot.token.TokenProvider;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

/** Answers of the Destination service's "find destination" and a destination binding, for tests. */
final class DestinationStubs {

	static final String PATH = "/destination-configuration/v1/destinations/";

	static final String SECRET = "destination-S3cr3t-never-logged";

	/** Reads answers up to the default {@code btp.http.max-response-size}. */
	static final ResponseBodies BODIES = new ResponseBodies(new BtpHttpProperties().getMaxResponseSize());

	private DestinationStubs() {
	}

	/**
	 * @param serviceUri the Destination service's {@code uri}
	 * @param tokenProperties timeouts and retries
	 * @param bodies reads answers
	 * @param tokens tokens of the destination binding
	 * @param clock the clock of the caches
	 * @param changeDetection whether change detection is on
	 * @return the destination service as the auto-configuration makes it, without a circuit
	 */
	static CachingDestinationService service(String serviceUri, TokenProperties tokenProperties, ResponseBodies bodies,
			TokenProvider tokens, Clock clock, boolean changeDetection) {
		return new CachingDestinationService(
				new DestinationServiceClient(URI.create(serviceUri), tokenProperties, bodies, clock,
						DestinationObserver.NONE, OutgoingHeaders.NONE),
				tokens, new CachingDestinationService.CacheSettings(Duration.ofMinutes(5), Duration.ofSeconds(5),
						changeDetection, Duration.ofHours(1)),
				TenantCircuits.NONE, clock, DestinationObserver.NONE);
	}

	/** @return the request of destination {@code name} */
	static MappingBuilder find(String name) {
		return get(urlPathEqualTo(PATH + name));
	}

	/**
	 * @param configuration the {@code destinationConfiguration}
	 * @param authTokens the JSON of {@code authTokens} entries, comma separated, or {@code ""}
	 * @return the JSON answer
	 */
	static String answer(Map<String, String> configuration, String authTokens) {
		String properties = configuration.entrySet()
			.stream()
			.map((e) -> "\"" + e.getKey() + "\":\"" + e.getValue() + "\"")
			.collect(Collectors.joining(","));
		return "{\"owner\":{\"SubaccountId\":\"sub-id\",\"InstanceId\":null},\"destinationConfiguration\":{"
				+ properties + "},\"authTokens\":[" + authTokens + "],\"certificates\":[]}";
	}

	/** @return an {@code authTokens} entry with a bearer token valid for {@code expiresIn} seconds */
	static String bearer(String token, long expiresIn) {
		return "{\"type\":\"Bearer\",\"value\":\"" + token + "\",\"http_header\":{\"key\":\"Authorization\",\"value\":\"Bearer "
				+ token + "\"},\"expires_in\":\"" + expiresIn + "\"}";
	}

	/** @return an HTTP destination on premise with basic authentication */
	static Map<String, String> basicOnPremise(String name, String url) {
		return Map.of("Name", name, "Type", "HTTP", "URL", url, "ProxyType", "OnPremise", "Authentication",
				"BasicAuthentication", "User", "erp-user", "Password", SECRET, "CloudConnectorLocationId", "loc-1");
	}

	/**
	 * @param tokenUrl the binding's {@code url} (token service)
	 * @param serviceUri the binding's {@code uri} (REST API)
	 * @return {@code VCAP_SERVICES} with one destination binding
	 */
	static String vcapServices(String tokenUrl, String serviceUri) {
		return """
				{"destination": [{"name": "my-destination", "label": "destination", "plan": "lite", "tags": ["destination"],
				  "credentials": {"clientid": "sb-dest-client", "clientsecret": "%s", "url": "%s", "uri": "%s",
				    "identityzone": "provider", "xsappname": "dest-xsappname"}}]}"""
			.formatted(SECRET, tokenUrl, serviceUri)
			.replace("\n", " ");
	}

}
