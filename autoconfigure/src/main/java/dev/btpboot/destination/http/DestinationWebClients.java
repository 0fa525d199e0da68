package dev.btpboot.destination.http;

import java.util.Optional;
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

import org.springframework.web.reactive.function.client.ClientRequest;
import org.springframework.web.reactive.function.client.ExchangeFilterFunction;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The reactive counterpart of {@link DestinationClients}: {@code WebClient} builders for HTTP
 * destinations. The destination of each request is looked up for the user of the calling thread,
 * else of the Reactor context (WebFlux), on the bounded-elastic scheduler, since a cache miss asks
 * the Destination service. {@code ClientCertificateAuthentication} is available with
 * {@link DestinationClients} only.
 */
public class DestinationWebClients {

	private final DestinationService destinations;

	private final Supplier<WebClient.Builder> webClients;

	private final Supplier<ConnectivityHttpProxy> connectivity;

	/**
	 * @param destinations the destination service
	 * @param webClients new WebClient builders (Spring Boot's, customized)
	 * @param connectivity the connectivity proxy's connectors, or supplies {@code null} without a
	 * connectivity binding
	 */
	public DestinationWebClients(DestinationService destinations, Supplier<WebClient.Builder> webClients,
			Supplier<ConnectivityHttpProxy> connectivity) {
		this.destinations = destinations;
		this.webClients = webClients;
		this.connectivity = connectivity;
	}

	/**
	 * @param name the name of an HTTP destination
	 * @return a new builder for requests to it
	 * @throws DestinationException when the destination cannot be looked up, is not of type HTTP,
	 * uses client certificates, or is on premise without a connectivity binding
	 */
	public WebClient.Builder webClient(String name) {
		HttpDestination destination = this.destinations.require(name, HttpDestination.class);
		String tenant = CurrentUser.subdomainOf(CurrentUser.get().orElse(null));
		if ("ClientCertificateAuthentication".equals(destination.authentication())) {
			throw new DestinationException(name, tenant, Step.CONNECT,
					"ClientCertificateAuthentication is available with DestinationClients.restClient only");
		}
		WebClient.Builder builder = this.webClients.get().baseUrl(destination.url().toString());
		if (destination.proxyType() == ProxyType.ON_PREMISE) {
			ConnectivityHttpProxy proxy = this.connectivity.get();
			if (proxy == null) {
				throw new DestinationException(name, tenant, Step.CONNECT,
						"it is OnPremise, but there is no connectivity binding (or btp.connectivity.proxy.host)");
			}
			builder.clientConnector(proxy.connector(destination.locationId(),
					DestinationAuthentication.PRINCIPAL_PROPAGATION.equals(destination.authentication())));
		}
		return builder.filter(perRequest(name));
	}

	private ExchangeFilterFunction perRequest(String name) {
		return (request, next) -> {
			Optional<BtpUser> threadUser = CurrentUser.get();
			Mono<Optional<BtpUser>> user = threadUser.isPresent() ? Mono.just(threadUser) : ReactiveCurrentUser.get();
			return user
				.flatMap((current) -> Mono
					.fromCallable(() -> prepared(name, request, current.orElse(null)))
					.subscribeOn(Schedulers.boundedElastic()))
				.flatMap(next::exchange);
		};
	}

	private ClientRequest prepared(String name, ClientRequest request, BtpUser user) {
		HttpDestination destination = this.destinations.require(name, HttpDestination.class, user);
		UriComponentsBuilder uri = UriComponentsBuilder.fromUri(request.url());
		destination.queries().forEach(uri::queryParam);
		return ClientRequest.from(request)
			.url(destination.queries().isEmpty() ? request.url() : uri.encode().build().toUri())
			.headers((headers) -> DestinationAuthentication.apply(destination, CurrentUser.subdomainOf(user),
					headers))
			.build();
	}

}
