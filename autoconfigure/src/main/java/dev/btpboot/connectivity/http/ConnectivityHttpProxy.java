package dev.btpboot.connectivity.http;

import java.util.List;
import java.util.function.Supplier;

import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.http.client.InterceptingClientHttpRequestFactory;

/**
 * Request factories that send every request through the connectivity proxy with the headers of
 * the mode in force, for a location id and user propagation chosen per client rather than by
 * {@code btp.connectivity.http.hosts}: what an on-premise destination needs.
 */
public final class ConnectivityHttpProxy {

	private final ConnectivityHttpRouting routing;

	private final Supplier<ClientHttpRequestFactory> proxied;

	ConnectivityHttpProxy(ConnectivityHttpRouting routing, Supplier<ClientHttpRequestFactory> proxied) {
		this.routing = routing;
		this.proxied = proxied;
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
			this.routing.headersFor(this.routing.currentUser(), locationId, propagateUser)
				.accept(request.getHeaders());
			return execution.execute(request, body);
		}), (uri, method) -> false);
	}

}
