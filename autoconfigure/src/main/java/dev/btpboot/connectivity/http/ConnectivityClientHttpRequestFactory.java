package dev.btpboot.connectivity.http;

import java.io.IOException;
import java.net.URI;
import java.util.List;

import dev.btpboot.security.CurrentUser;

import org.springframework.http.HttpMethod;
import org.springframework.http.client.ClientHttpRequest;
import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.http.client.InterceptingClientHttpRequestFactory;

/**
 * Sends requests to routed hosts through the connectivity proxy, with the proxy headers set last
 * (after any interceptor, so an {@code Authorization} header added there is still dropped), and
 * requests to a locally routed virtual host to the direct factory with the local address, and every
 * other request to the direct factory, untouched.
 */
final class ConnectivityClientHttpRequestFactory implements ClientHttpRequestFactory {

	private final ClientHttpRequestFactory direct;

	private final ClientHttpRequestFactory proxied;

	private final ConnectivityHttpRouting routing;

	ConnectivityClientHttpRequestFactory(ClientHttpRequestFactory direct, ClientHttpRequestFactory proxy,
			ConnectivityHttpRouting routing) {
		this.direct = direct;
		this.routing = routing;
		// Streams the body (no buffering): the interceptor only touches headers.
		this.proxied = new InterceptingClientHttpRequestFactory(proxy, List.of((request, body, execution) -> {
			routing.headersFor(CurrentUser.get().orElse(null)).accept(request.getHeaders());
			try {
				return execution.execute(request, body);
			}
			catch (IOException ex) {
				throw routing.explain(request.getURI(), ex);
			}
		}), (uri, method) -> false);
	}

	@Override
	public ClientHttpRequest createRequest(URI uri, HttpMethod httpMethod) throws IOException {
		URI local = this.routing.localRoute(uri);
		if (local != null) {
			return this.direct.createRequest(local, httpMethod);
		}
		return (this.routing.routes(uri) ? this.proxied : this.direct).createRequest(uri, httpMethod);
	}

}
