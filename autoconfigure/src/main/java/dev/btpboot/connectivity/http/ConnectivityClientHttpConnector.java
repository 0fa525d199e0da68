package dev.btpboot.connectivity.http;

import java.io.IOException;
import java.net.URI;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;

import dev.btpboot.security.BtpUser;
import dev.btpboot.security.CurrentUser;
import dev.btpboot.security.reactive.ReactiveCurrentUser;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.client.reactive.ClientHttpConnector;
import org.springframework.http.client.reactive.ClientHttpRequest;
import org.springframework.http.client.reactive.ClientHttpResponse;

/**
 * The reactive counterpart of {@link ConnectivityClientHttpRequestFactory}: routed hosts go through
 * the proxy connector with the proxy headers applied just before the request is committed; other
 * hosts go to the direct connector, untouched (a locally routed virtual host with its local
 * address). The user comes from the calling thread (servlet applications) or else from the Reactor
 * context (WebFlux applications).
 */
final class ConnectivityClientHttpConnector implements ClientHttpConnector {

	private final ClientHttpConnector direct;

	private final ClientHttpConnector proxied;

	private final ConnectivityHttpRouting routing;

	private final Predicate<URI> routed;

	private final Function<BtpUser, Consumer<HttpHeaders>> headers;

	ConnectivityClientHttpConnector(ClientHttpConnector direct, ClientHttpConnector proxied,
			ConnectivityHttpRouting routing) {
		this(direct, proxied, routing, routing::routes, routing::headersFor);
	}

	/**
	 * @param routed which requests go through the proxy
	 * @param headers the proxy headers for the current user
	 */
	ConnectivityClientHttpConnector(ClientHttpConnector direct, ClientHttpConnector proxied,
			ConnectivityHttpRouting routing, Predicate<URI> routed, Function<BtpUser, Consumer<HttpHeaders>> headers) {
		this.direct = direct;
		this.proxied = proxied;
		this.routing = routing;
		this.routed = routed;
		this.headers = headers;
	}

	@Override
	public Mono<ClientHttpResponse> connect(HttpMethod method, URI uri,
			Function<? super ClientHttpRequest, Mono<Void>> requestCallback) {
		URI local = this.routing.localRoute(uri);
		if (local != null) {
			return this.direct.connect(method, local, requestCallback);
		}
		if (!this.routed.test(uri)) {
			return this.direct.connect(method, uri, requestCallback);
		}
		Optional<BtpUser> threadUser = CurrentUser.get();
		Mono<Optional<BtpUser>> user = threadUser.isPresent() ? Mono.just(threadUser) : ReactiveCurrentUser.get();
		return user.map((current) -> this.headers.apply(current.orElse(null)))
			.flatMap((headers) -> this.proxied.connect(method, uri, (request) -> {
				request.beforeCommit(() -> Mono.fromRunnable(() -> headers.accept(request.getHeaders())));
				return requestCallback.apply(request);
			}).onErrorMap(IOException.class, (ex) -> this.routing.explain(uri, ex)));
	}

}
