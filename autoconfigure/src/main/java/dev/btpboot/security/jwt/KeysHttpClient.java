package dev.btpboot.security.jwt;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** Fetches JWKS and OIDC discovery documents: small JSON over HTTPS, with timeouts and a size limit. */
final class KeysHttpClient {

	/** Key sets and discovery documents are a few KB; anything far larger is not one. */
	private static final int MAX_BYTES = 512 * 1024;

	private final HttpClient client;

	private final Duration readTimeout;

	KeysHttpClient(Duration connectTimeout, Duration readTimeout) {
		this.client = HttpClient.newBuilder()
			.connectTimeout(connectTimeout)
			.followRedirects(HttpClient.Redirect.NEVER)
			.build();
		this.readTimeout = readTimeout;
	}

	String get(URI uri) throws IOException {
		HttpRequest request = HttpRequest.newBuilder(uri)
			.timeout(this.readTimeout)
			.header("Accept", "application/json")
			.GET()
			.build();
		try {
			HttpResponse<InputStream> response = this.client.send(request, HttpResponse.BodyHandlers.ofInputStream());
			try (InputStream body = response.body()) {
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

}
