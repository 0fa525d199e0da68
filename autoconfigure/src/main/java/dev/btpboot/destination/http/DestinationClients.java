package dev.btpboot.destination.http;

import java.io.IOException;
import java.net.URI;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;

import dev.btpboot.connectivity.http.ConnectivityHttpProxy;
import dev.btpboot.destination.DestinationException;
import dev.btpboot.destination.DestinationOptions;
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
 * (with the TLS settings of the destination: {@code ClientCertificateAuthentication} with a key
 * store of its {@code certificates}, {@code TrustStoreLocation}, {@code TLSVersion},
 * {@code TrustAll} outside production). So one client serves every tenant, each with its own
 * system and credentials, and may be made once, at start-up. {@link DestinationOptions} (a
 * fragment, a refresh token) apply to every request of a builder.
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

	private final List<String> production;

	private final Map<String, ClientHttpRequestFactory> proxied = new ConcurrentHashMap<>();

	/** Per looked-up destination (the cache hands out the same instance while it is fresh). */
	private final Map<HttpDestination, ClientHttpRequestFactory> withOwnTls = Collections
		.synchronizedMap(new WeakHashMap<>());

	private final ClientHttpRequestFactory routing = new RoutingRequestFactory();

	/**
	 * @param destinations the destination service
	 * @param restClients new RestClient builders (Spring Boot's, customized)
	 * @param connectivity the connectivity proxy's request factories, or supplies {@code null}
	 * without a connectivity binding
	 * @param direct a direct request factory with a bundle's TLS settings when one is given
	 * ({@code null}: the defaults)
	 * @param production what says the application runs in production (such as
	 * {@code ProductionSignals.of(environment)}); empty when nothing does: {@code TrustAll} is
	 * refused unless it is empty
	 */
	public DestinationClients(DestinationService destinations, Supplier<RestClient.Builder> restClients,
			Supplier<ConnectivityHttpProxy> connectivity, Function<SslBundle, ClientHttpRequestFactory> direct,
			List<String> production) {
		this.destinations = destinations;
		this.production = List.copyOf(production);
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
		return configure(this.restClients.get(), name, DestinationOptions.none());
	}

	/**
	 * @param name the name of an HTTP destination
	 * @param options a fragment merged into the destination, a refresh token sent with its look-up
	 * @return a new builder for requests to it, as {@link #restClient(String)}
	 */
	public RestClient.Builder restClient(String name, DestinationOptions options) {
		return configure(this.restClients.get(), name, options);
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
		return configure(builder, name, DestinationOptions.none());
	}

	/**
	 * Configures a builder of someone else as {@link #restClient(String, DestinationOptions)} does.
	 * @param builder the builder, changed in place
	 * @param name the name of an HTTP destination
	 * @param options a fragment merged into the destination, a refresh token sent with its look-up
	 * @return the builder
	 */
	public RestClient.Builder configure(RestClient.Builder builder, String name, DestinationOptions options) {
		if (name == null || name.isBlank()) {
			throw new IllegalArgumentException("a destination name is required");
		}
		ClientHttpRequestInterceptor resolution = perRequest(name, options);
		return builder.baseUrl(DestinationTargets.BASE_URL)
			.requestFactory(this.routing)
			.requestInterceptors((interceptors) -> interceptors.add(0, resolution));
	}

	private ClientHttpRequestInterceptor perRequest(String name, DestinationOptions options) {
		return (request, body, execution) -> {
			BtpUser user = CurrentUser.get().orElse(null);
			String tenant = CurrentUser.tenantIdOf(user);
			HttpDestination destination = this.destinations.require(name, options, HttpDestination.class, user);
			DestinationTargets.requireConnectable(destination, tenant, this.connectivity.get() != null);
			URI target = DestinationTargets.target(destination, tenant, request.getURI());
			DestinationAuthentication.apply(destination, tenant, user, request.getHeaders());
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
		if (destination.proxyType() == ProxyType.ON_PREMISE) {
			boolean propagateUser = DestinationTargets.propagatesUser(destination);
			String locationId = destination.locationId();
			return this.proxied.computeIfAbsent(locationId + "|" + propagateUser,
					(key) -> this.connectivity.get().requestFactory(locationId, propagateUser));
		}
		if (DestinationTls.isCustom(destination)) {
			return this.withOwnTls.computeIfAbsent(destination, (d) -> this.direct.apply(DestinationTls.bundle(d,
					CurrentUser.tenantIdOf(CurrentUser.get().orElse(null)), this.production)));
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
