package dev.btpboot.security.jwt;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Fetches JWKS and OIDC discovery documents: small JSON over HTTPS, with timeouts and a size limit.
 * The JDK client (default SSL context, trust store, selector thread) is built when the first
 * document is fetched, not during start-up.
 */
final class KeysHttpClient {

	/** Key sets and discovery documents are a few KB; anything far larger is not one. */
	private static final int MAX_BYTES = 512 * 1024;

	private final Supplier<HttpClient> factory;

	private final Duration readTimeout;

	private volatile HttpClient client;

	KeysHttpClient(Duration connectTimeout, Duration readTimeout) {
		this(() -> HttpClient.newBuilder()
			.connectTimeout(connectTimeout)
			.followRedirects(HttpClient.Redirect.NEVER)
			.build(), readTimeout);
	}

	KeysHttpClient(HttpClient client, Duration readTimeout) {
		this(() -> client, readTimeout);
	}

	/**
	 * @param factory makes the JDK client, called once, on the first fetch
	 * @param readTimeout how long a fetch may take
	 */
	KeysHttpClient(Supplier<HttpClient> factory, Duration readTimeout) {
		this.factory = factory;
		this.readTimeout = readTimeout;
	}

	private HttpClient client() {
		HttpClient built = this.client;
		if (built == null) {
			synchronized (this) {
				built = this.client;
				if (built == null) {
					built = this.factory.get();
					this.client = built;
				}
			}
		}
		return built;
	}

	String get(URI uri) throws IOException {
		return get(uri, Map.of());
	}

	/**
	 * @param uri the document
	 * @param headers further request headers
	 * @return the body of a 200 answer
	 * @throws RefusedException when the server answers 400: it refuses this request (for instance
	 * the tenant or client it names), which is no outage
	 * @throws IOException when the document cannot be fetched
	 */
	String get(URI uri, Map<String, String> headers) throws IOException {
		HttpRequest.Builder request = HttpRequest.newBuilder(uri)
			.timeout(this.readTimeout)
			.header("Accept", "application/json")
			.GET();
		headers.forEach(request::header);
		try {
			HttpResponse<InputStream> response = client().send(request.build(),
					HttpResponse.BodyHandlers.ofInputStream());
			try (InputStream body = response.body()) {
				if (response.statusCode() == 400) {
					throw new RefusedException("GET " + uri + " answered HTTP 400");
				}
				if (response.statusCode() != 200) {
					throw new IOException("GET " + uri + " answered HTTP " + response.statusCode());
				}
				byte[] bytes = body.readNBytes(MAX_BYTES + 1);
				if (bytes.length > MAX_BYTES) {
					throw new IOException("GET " + uri + " answered more than " + MAX_BYTES + " bytes");
				}
				return new String(bytes, StandardCharsets.UTF_8);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IOException("Interrupted while fetching " + uri, ex);
		}
	}

	/** The server refused the request itself (HTTP 400); asking again the same way will not help. */
	static final class RefusedException extends IOException {

		RefusedException(String message) {
			super(message);
		}

	}

}
