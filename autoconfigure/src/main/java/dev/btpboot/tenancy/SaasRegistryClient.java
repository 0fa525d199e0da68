package dev.btpboot.tenancy;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

import dev.btpboot.binding.SaasRegistryCredentials;
import dev.btpboot.token.HttpRetries;
import dev.btpboot.token.TokenProperties;
import dev.btpboot.token.TokenProvider;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The SaaS Provisioning service's API, with the saas-registry binding's client-credentials token
 * ({@code saasRegistryTokenProvider}, client secret or X.509): the application's subscriptions
 * ({@code GET /saas-manager/v1/application/subscriptions}, page by page) and the status of an
 * asynchronous subscription ({@code PUT} to the path of its {@code STATUS_CALLBACK}). Timeouts
 * and retries are those of token requests ({@code btp.token.*}). Logs and messages name the
 * request, never a token or a payload.
 */
final class SaasRegistryClient {

	private static final Log logger = LogFactory.getLog(SaasRegistryClient.class);

	private static final JsonMapper json = JsonMapper.shared();

	static final String SUBSCRIPTIONS_PATH = "/saas-manager/v1/application/subscriptions";

	/** Subscriptions per page: the API's largest. */
	static final int PAGE_SIZE = 200;

	/** The states of a tenant that is subscribed, also while an update runs or after one failed. */
	static final Set<String> SUBSCRIBED_STATES = Set.of("SUBSCRIBED", "UPDATE_FAILED", "UNSUBSCRIBE_FAILED");

	private final Supplier<SaasRegistryCredentials> credentials;

	private final TokenProvider tokens;

	private final TokenProperties properties;

	private final HttpClient http;

	/**
	 * @param credentials the current version of the saas-registry binding's credentials
	 * @param tokens the {@code saasRegistryTokenProvider}
	 * @param properties timeouts and retries
	 */
	SaasRegistryClient(Supplier<SaasRegistryCredentials> credentials, TokenProvider tokens, TokenProperties properties) {
		this.credentials = credentials;
		this.tokens = tokens;
		this.properties = properties;
		this.http = HttpClient.newBuilder()
			.connectTimeout(properties.getConnectTimeout())
			.followRedirects(HttpClient.Redirect.NEVER)
			.build();
	}

	/**
	 * @return the subscriptions in a subscribed state, all pages
	 * @throws SaasRegistryException when a page cannot be read
	 */
	List<Subscription> subscriptions() {
		SaasRegistryCredentials registry = this.credentials.get();
		List<Subscription> subscriptions = new ArrayList<>();
		for (int page = 1;; page++) {
			String query = "?size=" + PAGE_SIZE + "&page=" + page + ((registry.appName() != null)
					? "&appName=" + URLEncoder.encode(registry.appName(), StandardCharsets.UTF_8) : "");
			URI uri = URI.create(base(registry) + SUBSCRIPTIONS_PATH + query);
			JsonNode body = send(HttpRequest.newBuilder(uri).GET(), "reading page " + page + " of the subscriptions");
			JsonNode items = body.path("subscriptions");
			if (!items.isArray()) {
				throw new SaasRegistryException("reading page " + page + " of the subscriptions", 200,
						"the answer has no subscriptions array");
			}
			for (JsonNode item : items) {
				String tenantId = text(item, "consumerTenantId");
				if (tenantId != null && SUBSCRIBED_STATES.contains(text(item, "state"))) {
					subscriptions.add(new Subscription(tenantId, text(item, "subdomain"), text(item, "subaccountId"),
							text(item, "globalAccountId")));
				}
			}
			if (!body.path("morePages").asBoolean(false)) {
				return subscriptions;
			}
		}
	}

	/**
	 * Reports the outcome of an asynchronous subscription or unsubscription.
	 * @param statusCallback the path the registry sent in {@code STATUS_CALLBACK}
	 * @param succeeded whether it succeeded
	 * @param message what happened, for the registry and the subscriber
	 * @param subscriptionUrl the tenant's URL after a subscription, else {@code null}
	 * @throws SaasRegistryException when the registry does not take it
	 */
	void reportStatus(String statusCallback, boolean succeeded, String message, String subscriptionUrl) {
		ObjectNode status = json.createObjectNode();
		status.put("status", succeeded ? "SUCCEEDED" : "FAILED");
		status.put("message", message);
		if (subscriptionUrl != null) {
			status.put("subscriptionUrl", subscriptionUrl);
		}
		send(HttpRequest.newBuilder(statusUri(statusCallback))
			.header("Content-Type", "application/json")
			.PUT(HttpRequest.BodyPublishers.ofString(status.toString())), "reporting the subscription status");
	}

	/**
	 * @param statusCallback the path of the {@code STATUS_CALLBACK} header
	 * @return the registry's URL with that path
	 * @throws IllegalArgumentException when it is not a path of the registry (the registry's token
	 * must reach the registry only)
	 */
	URI statusUri(String statusCallback) {
		SaasRegistryCredentials registry = this.credentials.get();
		if (statusCallback == null || !statusCallback.startsWith("/") || statusCallback.startsWith("//")
				|| statusCallback.chars().anyMatch((c) -> c <= 0x20 || c >= 0x7f || c == '\\' || c == '@')) {
			throw new IllegalArgumentException("STATUS_CALLBACK is not a path of the SaaS registry");
		}
		URI uri;
		try {
			uri = URI.create(base(registry) + statusCallback);
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException("STATUS_CALLBACK is not a path of the SaaS registry");
		}
		URI registryUrl = registry.saasRegistryUrl();
		if (!registryUrl.getHost().equalsIgnoreCase(uri.getHost()) || registryUrl.getPort() != uri.getPort()) {
			throw new IllegalArgumentException("STATUS_CALLBACK is not a path of the SaaS registry");
		}
		return uri;
	}

	private JsonNode send(HttpRequest.Builder builder, String step) {
		int maxAttempts = this.properties.getRetry().getMaxAttempts();
		for (int attempt = 1;; attempt++) {
			SaasRegistryException failure;
			try {
				HttpRequest request = builder.copy()
					.timeout(this.properties.getReadTimeout())
					.header("Accept", "application/json")
					.header("Authorization", "Bearer " + this.tokens.clientCredentials().value())
					.build();
				HttpResponse<String> response = this.http.send(request,
						HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
				int status = response.statusCode();
				if (status >= 200 && status < 300) {
					return parse(response.body());
				}
				failure = new SaasRegistryException(step, status, "the SaaS registry answered with an error");
				if (!HttpRetries.isRetryable(status)) {
					throw failure;
				}
			}
			catch (IOException ex) {
				failure = new SaasRegistryException(step, 0, "I/O error: " + ex.getClass().getSimpleName());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new SaasRegistryException(step, 0, "interrupted");
			}
			if (attempt >= maxAttempts) {
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

	private static JsonNode parse(String body) {
		if (body == null || body.isBlank()) {
			return json.createObjectNode();
		}
		try {
			return json.readTree(body);
		}
		catch (JacksonException ex) {
			return json.createObjectNode();
		}
	}

	private static String base(SaasRegistryCredentials registry) {
		String url = registry.saasRegistryUrl().toString();
		return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
	}

	private static String text(JsonNode node, String field) {
		JsonNode value = node.path(field);
		return (value.isValueNode() && !value.isNull() && !value.asString().isBlank()) ? value.asString() : null;
	}

	/** The SaaS registry could not be asked or refused; the message names the step and status. */
	static final class SaasRegistryException extends RuntimeException {

		SaasRegistryException(String step, int status, String problem) {
			super("SaaS registry: " + step + " failed: " + problem + ((status > 0) ? " [HTTP " + status + "]" : ""));
		}

	}

}
