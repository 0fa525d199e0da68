package dev.btpboot.token;

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
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import dev.btpboot.binding.ClientSecret;
import dev.btpboot.binding.OAuthClientCredentials;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Posts token requests of one OAuth client to its token endpoint over the JDK HTTP client, with
 * mutual TLS for X.509 clients, timeouts and retries: the one request path of every provider,
 * XSUAA-issued and IAS alike, and of token-client's {@code XsuaaTokenFlows} (see
 * {@link JdkOAuth2TokenService}), so no Apache HttpClient is needed. Logs name the endpoint and the
 * attempt, never a form value.
 */
final class TokenEndpointClient {

	private static final Log logger = LogFactory.getLog(TokenEndpointClient.class);

	private static final JsonMapper json = JsonMapper.shared();

	private final OAuthClientCredentials credentials;

	/** Built on the first request: a JDK client with its TLS context costs start-up time nobody needs yet. */
	private final Supplier<HttpClient> http;

	private volatile HttpClient httpClient;

	private final TokenProperties properties;

	private final ResponseBodies bodies;

	private final Clock clock;

	private final Sleeper sleeper;

	private final OutgoingHeaders outgoingHeaders;

	TokenEndpointClient(OAuthClientCredentials credentials, Supplier<HttpClient> http, TokenProperties properties,
			ResponseBodies bodies, Clock clock, Sleeper sleeper, OutgoingHeaders outgoingHeaders) {
		this.credentials = credentials;
		this.http = http;
		this.properties = properties;
		this.bodies = bodies;
		this.clock = clock;
		this.sleeper = sleeper;
		this.outgoingHeaders = outgoingHeaders;
	}

	private HttpClient httpClient() {
		HttpClient client = this.httpClient;
		if (client == null) {
			synchronized (this) {
				client = this.httpClient;
				if (client == null) {
					client = this.http.get();
					this.httpClient = client;
				}
			}
		}
		return client;
	}

	/**
	 * Requests a token of one of our grants, the client identified as RFC 6749 allows in the form:
	 * {@code client_id}, and {@code client_secret} unless the client presents its certificate.
	 * @param endpoint the token endpoint (tenant subdomain already in place)
	 * @param grant the grant
	 * @param assertion the user's token for jwt-bearer, else {@code null}
	 * @param resource the IAS {@code resource}, or {@code null}
	 * @return the token response
	 * @throws TokenRequestException when no attempt succeeds or the endpoint refuses the client
	 */
	TokenResponse request(URI endpoint, TokenGrant grant, String assertion, String resource) {
		return request(endpoint, grant, assertion, resource, TenantAddress.OWN);
	}

	/**
	 * {@link #request(URI, TokenGrant, String, String)} for a tenant other than the binding's own.
	 * @param tenant the header and form parameter that name the tenant
	 * @return the token response
	 */
	TokenResponse request(URI endpoint, TokenGrant grant, String assertion, String resource, TenantAddress tenant) {
		Map<String, String> form = new LinkedHashMap<>();
		form.put("grant_type", grant.type());
		form.put("client_id", this.credentials.clientId());
		if (this.credentials.authentication() instanceof ClientSecret secret) {
			form.put("client_secret", secret.value());
		}
		if (assertion != null) {
			form.put("assertion", assertion);
		}
		if (resource != null) {
			form.put("resource", resource);
		}
		form.putAll(tenant.parameters());
		return post(endpoint, tenant.headers(), form);
	}

	/**
	 * Requests a token, retrying on I/O errors, 408, 429 (after its {@code Retry-After}), 5xx
	 * and unreadable responses. Our providers call {@link #request}; token-client's flows build
	 * their own form and come here directly.
	 * @param endpoint the token endpoint (tenant subdomain already in place)
	 * @param headers extra request headers
	 * @param form the form parameters, {@code grant_type} included
	 * @return the token response
	 * @throws TokenRequestException when no attempt succeeds or the endpoint refuses the client
	 */
	TokenResponse post(URI endpoint, Map<String, String> headers, Map<String, String> form) {
		TokenRequestException.Target target = TokenRequestException.Target.of(this.credentials, endpoint,
				TokenGrant.shortNameOf(form.get("grant_type")));
		HttpRequest request = request(endpoint, headers, form);
		int maxAttempts = this.properties.getRetry().getMaxAttempts();
		for (int attempt = 1;; attempt++) {
			if (logger.isDebugEnabled()) {
				logger.debug("Requesting a " + target.grant() + " token for " + target.service() + " binding '"
						+ target.bindingName() + "' from " + endpoint + " (attempt " + attempt + " of " + maxAttempts
						+ ")");
			}
			TokenRequestException failure;
			try {
				return exchange(target, request);
			}
			catch (TokenRequestException ex) {
				failure = ex;
			}
			Duration wait = (failure.isRetryable() && attempt < maxAttempts) ? backoff(attempt, failure.retryAfter())
					: null;
			if (wait == null) {
				throw failure;
			}
			logger.debug(failure.getMessage() + "; retrying in " + wait.toMillis() + " ms");
			try {
				this.sleeper.sleep(wait);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw failure;
			}
		}
	}

	private TokenResponse exchange(TokenRequestException.Target target, HttpRequest request) {
		HttpResponse<String> response;
		try {
			response = this.bodies.send(httpClient(), request);
		}
		catch (ResponseBodies.TooLargeException ex) {
			throw target.failure(ex.getMessage() + "; not retried", null);
		}
		catch (HttpTimeoutException ex) {
			throw new TokenRequestException(target, 0, null, null,
					"no response within " + this.properties.getReadTimeout().toMillis() + " ms", true, null, ex);
		}
		catch (IOException ex) {
			// The JDK quotes what the peer sent in some messages ("Invalid status line: ...").
			throw new TokenRequestException(target, 0, null, null, "I/O error: " + ex.getClass().getSimpleName()
					+ ((ex.getMessage() != null) ? " " + PeerText.description(ex.getMessage()) : ""), true, null, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw target.failure("interrupted", ex);
		}
		int status = response.statusCode();
		JsonNode body = parse(response.body());
		if (status == 200) {
			return tokenResponse(target, body);
		}
		boolean retryable = HttpRetries.isRetryable(status);
		boolean object = body != null && body.isObject();
		String error = object ? body.path("error").asString(null) : null;
		String description = object ? body.path("error_description").asString(null) : null;
		Duration retryAfter = response.headers().firstValue("Retry-After").map(this::retryAfter).orElse(null);
		throw new TokenRequestException(target, status, error, description, "the token endpoint refused the request",
				retryable, retryAfter, null);
	}

	/**
	 * Reads a 200 answer. A body that is not JSON may have been cut off on the way and is worth
	 * another attempt; JSON that is not a token response will be the same next time and is not.
	 */
	private TokenResponse tokenResponse(TokenRequestException.Target target, JsonNode body) {
		if (body == null || body.isMissingNode()) {
			throw new TokenRequestException(target, 200, null, null, "the response is not JSON", true, null, null);
		}
		String accessToken = body.isObject() ? body.path("access_token").asString(null) : null;
		if (accessToken == null || accessToken.isEmpty()) {
			throw notATokenResponse(target, "access_token is missing");
		}
		long expiresIn;
		try {
			expiresIn = TokenLifetime.expiresIn(body.path("expires_in"));
		}
		catch (IllegalArgumentException ex) {
			throw notATokenResponse(target, "expires_in " + ex.getMessage());
		}
		return new TokenResponse(accessToken, TokenLifetime.seconds(accessToken, expiresIn, this.clock.instant()),
				body.path("refresh_token").asString(null), body.path("token_type").asString("bearer"));
	}

	private static TokenRequestException notATokenResponse(TokenRequestException.Target target, String problem) {
		return new TokenRequestException(target, 200, null, null,
				"the response is not a token response (" + problem + "); not retried", false, null, null);
	}

	/** @return the JSON of the body, or {@code null} when it is not JSON */
	private static JsonNode parse(String body) {
		try {
			return json.readTree(body);
		}
		catch (JacksonException ex) {
			return null;
		}
	}

	private HttpRequest request(URI endpoint, Map<String, String> headers, Map<String, String> form) {
		String encoded = form.entrySet()
			.stream()
			.map((e) -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
					+ URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
			.collect(Collectors.joining("&"));
		HttpRequest.Builder builder = HttpRequest.newBuilder(endpoint)
			.timeout(this.properties.getReadTimeout())
			.header("Content-Type", "application/x-www-form-urlencoded")
			.header("Accept", "application/json");
		headers.forEach((name, value) -> {
			if (!name.equalsIgnoreCase("Content-Type") && !name.equalsIgnoreCase("Accept")) {
				builder.header(name, value);
			}
		});
		this.outgoingHeaders.addTo(builder::header);
		return builder.POST(HttpRequest.BodyPublishers.ofString(encoded)).build();
	}

	/** @return how long to wait before the next attempt, or {@code null} not to retry */
	private Duration backoff(int attempt, Duration retryAfter) {
		Duration max = this.properties.getRetry().getMaxBackoff();
		if (retryAfter != null) {
			return (retryAfter.compareTo(max) <= 0) ? retryAfter : null;
		}
		return HttpRetries.backoff(this.properties.getRetry(), attempt);
	}

	private Duration retryAfter(String value) {
		String seconds = value.trim();
		if (!seconds.isEmpty() && seconds.chars().allMatch((c) -> c >= '0' && c <= '9')) {
			// Delay-seconds, saturated: a number too large for a long asks for longer than max-backoff too.
			return Duration.ofSeconds((seconds.length() > 18) ? Long.MAX_VALUE : Long.parseLong(seconds));
		}
		try {
			Duration until = Duration.between(this.clock.instant(),
					ZonedDateTime.parse(seconds, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
			return until.isNegative() ? Duration.ZERO : until;
		}
		catch (DateTimeParseException notADate) {
			return null;
		}
	}

	/**
	 * How a token request names its tenant when it is not the binding's own: XSUAA by the header
	 * {@code x-zid}, IAS by the form parameter {@code app_tid}.
	 *
	 * @param headers request headers
	 * @param parameters form parameters
	 */
	record TenantAddress(Map<String, String> headers, Map<String, String> parameters) {

		/** The binding's own tenant: nothing to add. */
		static final TenantAddress OWN = new TenantAddress(Map.of(), Map.of());

		/** @return the address of an XSUAA tenant */
		static TenantAddress zone(String tenantId) {
			return new TenantAddress(Map.of(TenantUrls.ZONE_HEADER, tenantId), Map.of());
		}

		/** @return the address of an IAS application tenant */
		static TenantAddress appTenant(String tenantId) {
			return new TenantAddress(Map.of(), Map.of(TenantUrls.APP_TENANT_PARAMETER, tenantId));
		}

	}

	/** Waits between attempts; a seam so tests can see the waits without spending them. */
	@FunctionalInterface
	interface Sleeper {

		Sleeper THREAD = (duration) -> Thread.sleep(duration.toMillis());

		void sleep(Duration duration) throws InterruptedException;

	}

	/**
	 * A successful token response.
	 *
	 * @param accessToken the token
	 * @param expiresIn how long to keep it, in seconds: {@code expires_in} bounded as
	 * {@link TokenLifetime#seconds} says
	 * @param refreshToken the refresh token, or {@code null}
	 * @param tokenType the token type
	 */
	record TokenResponse(String accessToken, long expiresIn, String refreshToken, String tokenType) {

		@Override
		public String toString() {
			return "TokenResponse[expiresIn=" + this.expiresIn + "]";
		}

	}

}
