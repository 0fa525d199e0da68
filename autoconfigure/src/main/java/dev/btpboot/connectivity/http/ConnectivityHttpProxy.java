package dev.btpboot.connectivity.http;

import java.util.List;
import java.util.function.Supplier;

import dev.btpboot.security.CurrentUser;

import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.http.client.InterceptingClientHttpRequestFactory;
import org.springframework.http.client.reactive.ClientHttpConnector;

/**
 * Request factories and connectors that send every request through the connectivity proxy with the headers of
 * the mode in force, for a location id and user propagation chosen per client rather than by
 * {@code btp.connectivity.http.hosts}: what an on-premise destination needs.
 */
public final class ConnectivityHttpProxy {

	private final ConnectivityHttpRouting routing;

	private final Supplier<ClientHttpRequestFactory> proxied;

	private final Supplier<ClientHttpConnector> proxiedConnector;

	ConnectivityHttpProxy(ConnectivityHttpRouting routing, Supplier<ClientHttpRequestFactory> proxied,
			Supplier<ClientHttpConnector> proxiedConnector) {
		this.routing = routing;
		this.proxied = proxied;
		this.proxiedConnector = proxiedConnector;
	}

	/**
	 * @param locationId the Cloud Connector location id, or {@code null} for
	 * {@code btp.connectivity.location-id}
	 * @param propagateUser whether the current user is propagated as
	 * {@code btp.connectivity.principal-propagation} says (which then drops {@code Authorization})
	 * @return a factory whose requests go through the proxy, the proxy headers set last
	 */
	public ClientHttpRequestFactory requestFactory(String locationId, boolean propagateUser) {
		return new InterceptingClientHttpRequestFactory(this.proxied.get(), List.of((request, body, execution) -> {
			this.routing.headersFor(CurrentUser.get().orElse(null), locationId, propagateUser)
				.accept(request.getHeaders());
			return execution.execute(request, body);
		}), (uri, method) -> false);
	}

	/**
	 * The reactive counterpart of {@link #requestFactory(String, boolean)}: the user comes from the
	 * calling thread, else from the Reactor context (WebFlux).
	 * @param locationId the Cloud Connector location id, or {@code null} for
	 * {@code btp.connectivity.location-id}
	 * @param propagateUser whether the current user is propagated as
	 * {@code btp.connectivity.principal-propagation} says
	 * @return a connector whose requests go through the proxy
	 */
	public ClientHttpConnector connector(String locationId, boolean propagateUser) {
		ClientHttpConnector proxy = this.proxiedConnector.get();
		return new ConnectivityClientHttpConnector(proxy, proxy, this.routing, (uri) -> true,
				(user) -> this.routing.headersFor(user, locationId, propagateUser));
	}

}
