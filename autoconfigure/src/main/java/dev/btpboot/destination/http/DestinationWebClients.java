package dev.btpboot.destination.http;

import java.net.URI;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;

import dev.btpboot.connectivity.http.ConnectivityHttpProxy;
import dev.btpboot.destination.DestinationException;
import dev.btpboot.destination.DestinationException.Step;
import dev.btpboot.destination.DestinationService;
import dev.btpboot.destination.HttpDestination;
import dev.btpboot.destination.ProxyType;
import dev.btpboot.security.BtpUser;
import dev.btpboot.security.CurrentUser;
import dev.btpboot.security.reactive.ReactiveCurrentUser;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.util.context.Context;

import org.springframework.http.HttpMethod;
import org.springframework.http.client.reactive.ClientHttpConnector;
import org.springframework.http.client.reactive.ClientHttpRequest;
import org.springframework.http.client.reactive.ClientHttpResponse;
import org.springframework.util.function.SingletonSupplier;
import org.springframework.web.reactive.function.client.ClientRequest;
import org.springframework.web.reactive.function.client.ExchangeFilterFunction;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * The reactive counterpart of {@link DestinationClients}: {@code WebClient} builders for HTTP
 * destinations. Each request resolves the destination for the user of the calling thread, else of
 * the Reactor context (WebFlux), on the bounded-elastic scheduler (a cache miss asks the
 * Destination service), and takes URL, headers, credentials and the way there (directly, or
 * through the connectivity proxy) from that one destination together. The base URL reaches no
 * host; requests give a path. {@code ClientCertificateAuthentication} is available with
 * {@link DestinationClients} only.
 */
public class DestinationWebClients {

	/** The Reactor context key of the destination a request resolved, for the routing connector. */
	private static final String RESOLVED = DestinationWebClients.class.getName() + ".destination";

	private final DestinationService destinations;

	private final Supplier<WebClient.Builder> webClients;

	private final Supplier<ConnectivityHttpProxy> connectivity;

	private final Supplier<ClientHttpConnector> direct;

	private final Map<String, ClientHttpConnector> proxied = new ConcurrentHashMap<>();

	private final ClientHttpConnector routing = new RoutingConnector();

	/**
	 * @param destinations the destination service
	 * @param webClients new WebClient builders (Spring Boot's, customized)
	 * @param connectivity the connectivity proxy's connectors, or supplies {@code null} without a
	 * connectivity binding
	 * @param direct the connector of destinations reached directly (Spring Boot's)
	 */
	public DestinationWebClients(DestinationService destinations, Supplier<WebClient.Builder> webClients,
			Supplier<ConnectivityHttpProxy> connectivity, Supplier<ClientHttpConnector> direct) {
		this.destinations = destinations;
		this.webClients = webClients;
		this.connectivity = connectivity;
		this.direct = SingletonSupplier.of(direct);
	}

	/**
	 * @param name the name of an HTTP destination
	 * @return a new builder for requests to it; each request fails with a
	 * {@link DestinationException} when the destination cannot be looked up for the request's
	 * tenant, is not of type HTTP, uses client certificates, or is on premise without a
	 * connectivity binding
	 */
	public WebClient.Builder webClient(String name) {
		if (name == null || name.isBlank()) {
			throw new IllegalArgumentException("a destination name is required");
		}
		ExchangeFilterFunction resolution = perRequest(name);
		return this.webClients.get()
			.baseUrl(DestinationTargets.BASE_URL)
			.clientConnector(this.routing)
			.filters((filters) -> filters.add(0, resolution));
	}

	private ExchangeFilterFunction perRequest(String name) {
		return (request, next) -> {
			Optional<BtpUser> threadUser = CurrentUser.get();
			Mono<Optional<BtpUser>> user = threadUser.isPresent() ? Mono.just(threadUser) : ReactiveCurrentUser.get();
			// The proxy's headers are made on another thread: they find a servlet request's user there too.
			Function<Context, Context> withThreadUser = ReactiveCurrentUser.ofCallingThread();
			return user
				.flatMap((current) -> Mono.fromCallable(() -> resolve(name, request, current.orElse(null)))
					.subscribeOn(Schedulers.boundedElastic()))
				.flatMap((resolved) -> next.exchange(resolved.request())
					.contextWrite((context) -> context.put(RESOLVED, resolved.destination())))
				.contextWrite(withThreadUser);
		};
	}

	private Resolved resolve(String name, ClientRequest request, BtpUser user) {
		String tenant = CurrentUser.tenantIdOf(user);
		HttpDestination destination = this.destinations.require(name, HttpDestination.class, user);
		if (DestinationTargets.usesClientCertificate(destination)) {
			throw new DestinationException(name, tenant, Step.CONNECT,
					"ClientCertificateAuthentication is available with DestinationClients.restClient only");
		}
		DestinationTargets.requireConnectable(destination, tenant, this.connectivity.get() != null);
		URI target = DestinationTargets.target(destination, tenant, request.url());
		ClientRequest resolved = ClientRequest.from(request)
			.url(target)
			.headers((headers) -> DestinationAuthentication.apply(destination, tenant, headers))
			.build();
		return new Resolved(destination, resolved);
	}

	private ClientHttpConnector connectorFor(HttpDestination destination) {
		if (destination.proxyType() != ProxyType.ON_PREMISE) {
			return this.direct.get();
		}
		boolean propagateUser = DestinationTargets.propagatesUser(destination);
		String locationId = destination.locationId();
		return this.proxied.computeIfAbsent(locationId + "|" + propagateUser,
				(key) -> this.connectivity.get().connector(locationId, propagateUser));
	}

	/** A request with the destination it resolved. */
	private record Resolved(HttpDestination destination, ClientRequest request) {
	}

	/** Connects each request the way the destination it resolved says. */
	private final class RoutingConnector implements ClientHttpConnector {

		@Override
		public Mono<ClientHttpResponse> connect(HttpMethod method, URI uri,
				Function<? super ClientHttpRequest, Mono<Void>> requestCallback) {
			return Mono.deferContextual((context) -> {
				Optional<HttpDestination> destination = context.getOrEmpty(RESOLVED);
				if (destination.isEmpty()) {
					return Mono.error(new IllegalStateException("A destination client's connector sends only "
							+ "requests its destination filter resolved; this builder's filters were replaced"));
				}
				return connectorFor(destination.get()).connect(method, uri, requestCallback);
			});
		}

	}

}
