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
 */
final class DestinationServiceClient {

	private static final Log logger = LogFactory.getLog(DestinationServiceClient.class);

	private static final JsonMapper json = JsonMapper.shared();

	private final String base;

	private final HttpClient http;

	private final TokenProperties properties;

	private final Clock clock;

	/**
	 * @param serviceUri the binding's {@code uri}
	 * @param properties timeouts and retries
	 * @param clock the clock {@code expires_in} counts from
	 */
	DestinationServiceClient(URI serviceUri, TokenProperties properties, Clock clock) {
		String uri = serviceUri.toString();
		this.base = (uri.endsWith("/") ? uri.substring(0, uri.length() - 1) : uri)
				+ "/destination-configuration/v1/destinations/";
		this.http = HttpClient.newBuilder()
			.connectTimeout(properties.getConnectTimeout())
			.followRedirects(HttpClient.Redirect.NEVER)
			.build();
		this.properties = properties;
		this.clock = clock;
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
			response = this.http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
		}
		catch (HttpTimeoutException ex) {
			throw new DestinationException(name, tenant, Step.LOOKUP, 0, true,
					"no response within " + this.properties.getReadTimeout().toMillis() + " ms", ex);
		}
		catch (IOException ex) {
			throw new DestinationException(name, tenant, Step.LOOKUP, 0, true, "I/O error: "
					+ ex.getClass().getSimpleName() + ((ex.getMessage() != null) ? " " + ex.getMessage() : ""), ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new DestinationException(name, tenant, Step.LOOKUP, 0, false, "interrupted", ex);
		}
		int status = response.statusCode();
		if (status == 404) {
			return null;
		}
		JsonNode body = parse(response.body());
		if (status != 200) {
			boolean retryable = HttpRetries.isRetryable(status);
			String problem = (status == 401 || status == 403)
					? "the Destination service refused the binding's token for this tenant"
					: "the Destination service answered with an error";
			String message = (body != null) ? body.path("ErrorMessage").asString(null) : null;
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
			throw new DestinationException(name, tenant, Step.READ, status, false, ex.getMessage(), null);
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
		for (JsonNode token : node) {
			JsonNode expiresIn = token.path("expires_in");
			Instant expiresAt = null;
			if (expiresIn.isValueNode() && !expiresIn.isNull()) {
				try {
					expiresAt = now.plusSeconds(Long.parseLong(expiresIn.asString().trim()));
				}
				catch (NumberFormatException ex) {
					throw new IllegalArgumentException("authTokens[].expires_in is not a number of seconds");
				}
			}
			JsonNode header = token.path("http_header");
			tokens.add(new AuthToken(text(token, "type"), text(token, "value"), text(header, "key"),
					text(header, "value"), expiresAt, text(token, "error")));
		}
		return tokens;
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
