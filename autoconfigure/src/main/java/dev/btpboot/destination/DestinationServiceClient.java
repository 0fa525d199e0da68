package dev.btpboot.destination;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.btpboot.destination.DestinationException.Step;
import dev.btpboot.token.HttpRetries;
import dev.btpboot.token.OutgoingHeaders;
import dev.btpboot.token.PeerText;
import dev.btpboot.token.ResponseBodies;
import dev.btpboot.token.TokenLifetime;
import dev.btpboot.token.TokenProperties;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Asks the Destination service's REST API for one destination ("find destination": instance level
 * first, then subaccount level), over the JDK HTTP client, with the timeouts and retries of token
 * requests ({@code btp.token.*}). Logs name the destination, tenant and attempt, never a token.
 * The answer is read up to {@code btp.http.max-response-size}; what the service says in it reaches
 * messages only as {@link PeerText} lets it through, and its {@code expires_in} counts as a token
 * endpoint's does ({@link TokenLifetime}).
 */
final class DestinationServiceClient {

	private static final Log logger = LogFactory.getLog(DestinationServiceClient.class);

	private static final JsonMapper json = JsonMapper.shared();

	private final String base;

	private final HttpClient http;

	private final TokenProperties properties;

	private final ResponseBodies bodies;

	private final Clock clock;

	private final OutgoingHeaders outgoingHeaders;

	/**
	 * @param serviceUri the binding's {@code uri}
	 * @param properties timeouts and retries
	 * @param bodies reads answers up to {@code btp.http.max-response-size}
	 * @param clock the clock {@code expires_in} counts from
	 * @param outgoingHeaders headers added to every look-up
	 */
	DestinationServiceClient(URI serviceUri, TokenProperties properties, ResponseBodies bodies, Clock clock,
			OutgoingHeaders outgoingHeaders) {
		String uri = serviceUri.toString();
		this.base = (uri.endsWith("/") ? uri.substring(0, uri.length() - 1) : uri)
				+ "/destination-configuration/v1/destinations/";
		this.http = HttpClient.newBuilder()
			.connectTimeout(properties.getConnectTimeout())
			.followRedirects(HttpClient.Redirect.NEVER)
			.build();
		this.properties = properties;
		this.bodies = bodies;
		this.clock = clock;
		this.outgoingHeaders = outgoingHeaders;
	}

	/**
	 * @param name the destination's name
	 * @param tenant the tenant's id, or {@code null}, for messages
	 * @param serviceToken a token of the destination binding for that tenant
	 * @param userToken the user's token for user-dependent authentication, or {@code null}
	 * @return the destination, or {@code null} when the service does not know it
	 * @throws DestinationException when no attempt succeeds or the service refuses
	 */
	Destination find(String name, String tenant, String serviceToken, String userToken) {
		URI uri = URI.create(this.base + URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20"));
		HttpRequest.Builder builder = HttpRequest.newBuilder(uri)
			.timeout(this.properties.getReadTimeout())
			.header("Accept", "application/json")
			.header("Authorization", "Bearer " + serviceToken);
		if (userToken != null) {
			builder.header("X-user-token", userToken);
		}
		this.outgoingHeaders.addTo(builder::header);
		HttpRequest request = builder.GET().build();
		int maxAttempts = this.properties.getRetry().getMaxAttempts();
		for (int attempt = 1;; attempt++) {
			if (logger.isDebugEnabled()) {
				logger.debug("Looking up destination '" + name + "' for " + ((tenant != null) ? "tenant '" + tenant + "'"
						: "the provider tenant") + ((userToken != null) ? " and the current user" : "") + " at " + uri
						+ " (attempt " + attempt + " of " + maxAttempts + ")");
			}
			DestinationException failure;
			try {
				return exchange(name, tenant, request);
			}
			catch (DestinationException ex) {
				failure = ex;
			}
			if (!failure.isRetryable() || attempt >= maxAttempts) {
				throw failure;
			}
			Duration wait = HttpRetries.backoff(this.properties.getRetry(), attempt);
			logger.debug(failure.getMessage() + "; retrying in " + wait.toMillis() + " ms");
			try {
				Thread.sleep(wait.toMillis());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw failure;
			}
		}
	}

	private Destination exchange(String name, String tenant, HttpRequest request) {
		HttpResponse<String> response;
		try {
			response = this.bodies.send(this.http, request);
		}
		catch (ResponseBodies.TooLargeException ex) {
			throw new DestinationException(name, tenant, Step.READ, 0, false, ex.getMessage(), null);
		}
		catch (HttpTimeoutException ex) {
			throw new DestinationException(name, tenant, Step.LOOKUP, 0, true,
					"no response within " + this.properties.getReadTimeout().toMillis() + " ms", ex);
		}
		catch (IOException ex) {
			// The JDK quotes what the peer sent in some messages ("Invalid status line: ...").
			throw new DestinationException(name, tenant, Step.LOOKUP, 0, true, "I/O error: "
					+ ex.getClass().getSimpleName()
					+ ((ex.getMessage() != null) ? " " + PeerText.description(ex.getMessage()) : ""), ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new DestinationException(name, tenant, Step.LOOKUP, 0, false, "interrupted", ex);
		}
		int status = response.statusCode();
		if (status == 404) {
			return null;
		}
		return read(name, tenant, status, response.body());
	}

	/**
	 * Reads an answer other than 404.
	 * @param name the destination's name, for messages
	 * @param tenant the tenant's subdomain, or {@code null}, for messages
	 * @param status the HTTP status
	 * @param answer the body, at most {@code btp.http.max-response-size}
	 * @return the destination
	 * @throws DestinationException when the service refused or the answer is no destination
	 */
	Destination read(String name, String tenant, int status, String answer) {
		JsonNode body = parse(answer);
		if (status != 200) {
			boolean retryable = HttpRetries.isRetryable(status);
			String problem = (status == 401 || status == 403)
					? "the Destination service refused the binding's token for this tenant"
					: "the Destination service answered with an error";
			String message = (body != null) ? PeerText.description(body.path("ErrorMessage").asString(null)) : null;
			throw new DestinationException(name, tenant, Step.LOOKUP, status, retryable,
					problem + " [HTTP " + status + "]" + ((message != null) ? ": \"" + message + "\"" : ""), null);
		}
		if (body == null || !body.path("destinationConfiguration").isObject()) {
			throw new DestinationException(name, tenant, Step.READ, status, true,
					"the answer has no destinationConfiguration", null);
		}
		try {
			return Destination.of(configuration(body.path("destinationConfiguration")), authTokens(body.path("authTokens")),
					certificates(body.path("certificates")));
		}
		catch (IllegalArgumentException ex) {
			// The message may quote a property's value, such as an unknown Type.
			throw new DestinationException(name, tenant, Step.READ, status, false, PeerText.description(ex.getMessage()),
					null);
		}
	}

	private static JsonNode parse(String body) {
		try {
			JsonNode node = json.readTree(body);
			return (node != null && node.isObject()) ? node : null;
		}
		catch (JacksonException ex) {
			return null;
		}
	}

	private static Map<String, String> configuration(JsonNode node) {
		Map<String, String> properties = new LinkedHashMap<>();
		node.properties().forEach((entry) -> {
			if (entry.getValue().isValueNode() && !entry.getValue().isNull()) {
				properties.put(entry.getKey(), entry.getValue().asString());
			}
		});
		return properties;
	}

	private List<AuthToken> authTokens(JsonNode node) {
		List<AuthToken> tokens = new ArrayList<>();
		Instant now = this.clock.instant();
		int index = 0;
		for (JsonNode token : node) {
			String value = text(token, "value");
			JsonNode header = token.path("http_header");
			tokens.add(new AuthToken(text(token, "type"), value, text(header, "key"), text(header, "value"),
					expiresAt(token.path("expires_in"), value, index++, now),
					PeerText.description(text(token, "error"))));
		}
		return tokens;
	}

	/**
	 * @return when an auth token stops being usable: its {@code expires_in} bounded by the token
	 * endpoint's rule; {@code null} when the service gave none
	 */
	private static Instant expiresAt(JsonNode expiresIn, String value, int index, Instant now) {
		if (!expiresIn.isValueNode() || expiresIn.isNull()) {
			return null;
		}
		long seconds;
		try {
			seconds = TokenLifetime.expiresIn(expiresIn);
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException("authTokens[" + index + "].expires_in " + ex.getMessage());
		}
		return now.plusSeconds(TokenLifetime.seconds(value, seconds, now));
	}

	private static List<DestinationCertificate> certificates(JsonNode node) {
		List<DestinationCertificate> certificates = new ArrayList<>();
		for (JsonNode certificate : node) {
			certificates.add(new DestinationCertificate(text(certificate, "Name"), text(certificate, "Content"),
					text(certificate, "Type")));
		}
		return certificates;
	}

	private static String text(JsonNode node, String field) {
		JsonNode value = node.path(field);
		return (value.isValueNode() && !value.isNull()) ? value.asString() : null;
	}

}
