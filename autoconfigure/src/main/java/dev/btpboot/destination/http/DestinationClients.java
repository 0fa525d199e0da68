package dev.btpboot.destination.http;

import java.io.IOException;
import java.net.URI;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;

import dev.btpboot.connectivity.http.ConnectivityHttpProxy;
import dev.btpboot.destination.DestinationException;
import dev.btpboot.destination.DestinationService;
import dev.btpboot.destination.HttpDestination;
import dev.btpboot.destination.ProxyType;
import dev.btpboot.security.BtpUser;
import dev.btpboot.security.CurrentUser;

import org.springframework.boot.ssl.SslBundle;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpRequest;
import org.springframework.http.client.ClientHttpRequest;
import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.http.client.support.HttpRequestWrapper;
import org.springframework.util.function.SingletonSupplier;
import org.springframework.web.client.RestClient;

/**
 * {@code RestClient} builders for HTTP destinations. Each request resolves the destination for the
 * tenant of the current request (from the cache, so no request to the Destination service while
 * it is fresh) and takes everything from that one destination together: the URL it goes to (its
 * {@code URL} with the request's path, and its {@code URL.queries.*}), its
 * {@code URL.headers.*} and authentication, and the way there: {@code OnPremise} destinations
 * through the connectivity proxy with their {@code CloudConnectorLocationId}, others directly
 * ({@code ClientCertificateAuthentication} with the key store of the destination's
 * {@code certificates}). So one client serves every tenant, each with its own system and
 * credentials, and may be made once, at start-up.
 * <p>
 * The builder's base URL reaches no host ({@code http://destination.invalid}); give requests a
 * path, or an absolute URL under the destination's URL (such as a next link the system returned).
 * A request to any other URL is refused: the destination's credentials are for its own URL.
 * <pre>{@code
 * RestClient erp = destinationClients.restClient("erp").build();
 * String items = erp.get().uri("/sap/opu/odata/items").retrieve().body(String.class);
 * }</pre>
 */
public class DestinationClients {

	/**
	 * The destination the request being sent on this thread resolved: the interceptor sets it,
	 * the request factory (called by the last step of the same interceptor chain) routes by it.
	 */
	private static final ThreadLocal<HttpDestination> RESOLVED = new ThreadLocal<>();

	private final DestinationService destinations;

	private final Supplier<RestClient.Builder> restClients;

	private final Supplier<ConnectivityHttpProxy> connectivity;

	private final Function<SslBundle, ClientHttpRequestFactory> direct;

	private final Supplier<ClientHttpRequestFactory> directWithoutCertificate;

	private final Map<String, ClientHttpRequestFactory> proxied = new ConcurrentHashMap<>();

	/** Per looked-up destination (the cache hands out the same instance while it is fresh). */
	private final Map<HttpDestination, ClientHttpRequestFactory> withClientCertificate = Collections
		.synchronizedMap(new WeakHashMap<>());

	private final ClientHttpRequestFactory routing = new RoutingRequestFactory();

	/**
	 * @param destinations the destination service
	 * @param restClients new RestClient builders (Spring Boot's, customized)
	 * @param connectivity the connectivity proxy's request factories, or supplies {@code null}
	 * without a connectivity binding
	 * @param direct a direct request factory, presenting a bundle's key when one is given
	 * ({@code null}: none)
	 */
	public DestinationClients(DestinationService destinations, Supplier<RestClient.Builder> restClients,
			Supplier<ConnectivityHttpProxy> connectivity, Function<SslBundle, ClientHttpRequestFactory> direct) {
		this.destinations = destinations;
		this.restClients = restClients;
		this.connectivity = connectivity;
		this.direct = direct;
		this.directWithoutCertificate = SingletonSupplier.of(() -> direct.apply(null));
	}

	/**
	 * @param name the name of an HTTP destination
	 * @return a new builder for requests to it; each request fails with a
	 * {@link DestinationException} when the destination cannot be looked up for the request's
	 * tenant, is not of type HTTP, or is on premise without a connectivity binding
	 */
	public RestClient.Builder restClient(String name) {
		return configure(this.restClients.get(), name);
	}

	/**
	 * Configures a builder of someone else, such as the client of an HTTP service group, as
	 * {@link #restClient(String)} does: base URL, request factory, and an interceptor ahead of
	 * the builder's own.
	 * @param builder the builder, changed in place
	 * @param name the name of an HTTP destination
	 * @return the builder
	 */
	public RestClient.Builder configure(RestClient.Builder builder, String name) {
		if (name == null || name.isBlank()) {
			throw new IllegalArgumentException("a destination name is required");
		}
		ClientHttpRequestInterceptor resolution = perRequest(name);
		return builder.baseUrl(DestinationTargets.BASE_URL)
			.requestFactory(this.routing)
			.requestInterceptors((interceptors) -> interceptors.add(0, resolution));
	}

	private ClientHttpRequestInterceptor perRequest(String name) {
		return (request, body, execution) -> {
			BtpUser user = CurrentUser.get().orElse(null);
			String tenant = CurrentUser.tenantIdOf(user);
			HttpDestination destination = this.destinations.require(name, HttpDestination.class, user);
			DestinationTargets.requireConnectable(destination, tenant, this.connectivity.get() != null);
			URI target = DestinationTargets.target(destination, tenant, request.getURI());
			DestinationAuthentication.apply(destination, tenant, request.getHeaders());
			HttpRequest resolved = new HttpRequestWrapper(request) {
				@Override
				public URI getURI() {
					return target;
				}
			};
			HttpDestination outer = RESOLVED.get();
			RESOLVED.set(destination);
			try {
				return execution.execute(resolved, body);
			}
			finally {
				if (outer != null) {
					RESOLVED.set(outer);
				}
				else {
					RESOLVED.remove();
				}
			}
		};
	}

	private ClientHttpRequestFactory factoryFor(HttpDestination destination) {
		if (DestinationTargets.usesClientCertificate(destination)) {
			return this.withClientCertificate.computeIfAbsent(destination,
					(d) -> this.direct.apply(DestinationKeyStores.bundle(d, CurrentUser.tenantIdOf(CurrentUser.get()
						.orElse(null)))));
		}
		if (destination.proxyType() == ProxyType.ON_PREMISE) {
			boolean propagateUser = DestinationTargets.propagatesUser(destination);
			String locationId = destination.locationId();
			return this.proxied.computeIfAbsent(locationId + "|" + propagateUser,
					(key) -> this.connectivity.get().requestFactory(locationId, propagateUser));
		}
		return this.directWithoutCertificate.get();
	}

	/** Sends each request the way its destination says. */
	private final class RoutingRequestFactory implements ClientHttpRequestFactory {

		@Override
		public ClientHttpRequest createRequest(URI uri, HttpMethod httpMethod) throws IOException {
			HttpDestination destination = RESOLVED.get();
			if (destination == null) {
				throw new IllegalStateException("A destination client's request factory sends only requests its "
						+ "destination interceptor resolved; this builder's interceptors were replaced");
			}
			return factoryFor(destination).createRequest(uri, httpMethod);
		}

	}

}
