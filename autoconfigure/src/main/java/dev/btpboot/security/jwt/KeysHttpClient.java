package dev.btpboot.security.jwt;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;

import dev.btpboot.token.ResponseBodies;

/**
 * Fetches JWKS and OIDC discovery documents: small JSON over HTTPS, with timeouts and the size
 * limit of every answer of a BTP service ({@code btp.http.max-response-size}). The JDK client
 * (default SSL context, trust store, selector thread) is built when the first document is
 * fetched, not during start-up.
 */
final class KeysHttpClient {

	private final Supplier<HttpClient> factory;

	private final Duration readTimeout;

	private final ResponseBodies bodies;

	private volatile HttpClient client;

	KeysHttpClient(Duration connectTimeout, Duration readTimeout, ResponseBodies bodies) {
		this(() -> HttpClient.newBuilder()
			.connectTimeout(connectTimeout)
			.followRedirects(HttpClient.Redirect.NEVER)
			.build(), readTimeout, bodies);
	}

	KeysHttpClient(HttpClient client, Duration readTimeout, ResponseBodies bodies) {
		this(() -> client, readTimeout, bodies);
	}

	/**
	 * @param factory makes the JDK client, called once, on the first fetch
	 * @param readTimeout how long a fetch may take
	 * @param bodies reads an answer up to {@code btp.http.max-response-size}
	 */
	KeysHttpClient(Supplier<HttpClient> factory, Duration readTimeout, ResponseBodies bodies) {
		this.factory = factory;
		this.readTimeout = readTimeout;
		this.bodies = bodies;
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
		HttpResponse<String> response;
		try {
			response = this.bodies.send(client(), request.build());
		}
		catch (ResponseBodies.TooLargeException ex) {
			throw new IOException("GET " + uri + ": " + ex.getMessage(), ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IOException("Interrupted while fetching " + uri, ex);
		}
		if (response.statusCode() == 400) {
			throw new RefusedException("GET " + uri + " answered HTTP 400");
		}
		if (response.statusCode() != 200) {
			throw new IOException("GET " + uri + " answered HTTP " + response.statusCode());
		}
		return response.body();
	}

	/** The server refused the request itself (HTTP 400); asking again the same way will not help. */
	static final class RefusedException extends IOException {

		RefusedException(String message) {
			super(message);
		}

	}

}
