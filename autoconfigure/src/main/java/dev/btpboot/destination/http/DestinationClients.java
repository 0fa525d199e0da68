package dev.btpboot.destination.http;

import java.net.URI;
import java.util.function.Function;
import java.util.function.Supplier;

import dev.btpboot.connectivity.http.ConnectivityHttpProxy;
import dev.btpboot.destination.DestinationException;
import dev.btpboot.destination.DestinationException.Step;
import dev.btpboot.destination.DestinationService;
import dev.btpboot.destination.HttpDestination;
import dev.btpboot.destination.ProxyType;
import dev.btpboot.security.CurrentUser;

import org.springframework.boot.ssl.SslBundle;
import org.springframework.http.HttpRequest;
import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.http.client.support.HttpRequestWrapper;
import org.springframework.web.client.RestClient;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * {@code RestClient} builders for HTTP destinations: the destination's {@code URL} as base URL,
 * {@code OnPremise} destinations through the connectivity proxy with their
 * {@code CloudConnectorLocationId}, others directly ({@code ClientCertificateAuthentication} with the
 * key store of the destination's {@code certificates}). Each request looks the destination up again
 * for the current tenant (from the cache, so no request to the service while it is fresh) and
 * carries its {@code URL.headers.*}, {@code URL.queries.*} and authentication.
 * <p>
 * Base URL, proxy type and location id are those of the destination for the tenant current when
 * the builder is made: in a multi-tenant application whose subscribers' destinations differ in
 * those, make the builder within the subscriber's request.
 * <pre>{@code
 * RestClient erp = destinationClients.restClient("erp").build();
 * String items = erp.get().uri("/sap/opu/odata/items").retrieve().body(String.class);
 * }</pre>
 */
public class DestinationClients {

	private static final String CLIENT_CERTIFICATE = "ClientCertificateAuthentication";

	private final DestinationService destinations;

	private final Supplier<RestClient.Builder> restClients;

	private final Supplier<ConnectivityHttpProxy> connectivity;

	private final Function<SslBundle, ClientHttpRequestFactory> withClientCertificate;

	/**
	 * @param destinations the destination service
	 * @param restClients new RestClient builders (Spring Boot's, customized)
	 * @param connectivity the connectivity proxy's request factories, or supplies {@code null}
	 * without a connectivity binding
	 * @param withClientCertificate a direct request factory presenting a bundle's key
	 */
	public DestinationClients(DestinationService destinations, Supplier<RestClient.Builder> restClients,
			Supplier<ConnectivityHttpProxy> connectivity,
			Function<SslBundle, ClientHttpRequestFactory> withClientCertificate) {
		this.destinations = destinations;
		this.restClients = restClients;
		this.connectivity = connectivity;
		this.withClientCertificate = withClientCertificate;
	}

	/**
	 * @param name the name of an HTTP destination
	 * @return a new builder for requests to it
	 * @throws DestinationException when the destination cannot be looked up, is not of type HTTP,
	 * or is on premise without a connectivity binding
	 */
	public RestClient.Builder restClient(String name) {
		return configure(this.restClients.get(), name);
	}

	/**
	 * Configures a builder of someone else, such as the client of an HTTP service group, as
	 * {@link #restClient(String)} does.
	 * @param builder the builder, changed in place
	 * @param name the name of an HTTP destination
	 * @return the builder
	 * @throws DestinationException when the destination cannot be used
	 */
	public RestClient.Builder configure(RestClient.Builder builder, String name) {
		HttpDestination destination = this.destinations.require(name, HttpDestination.class);
		builder.baseUrl(destination.url().toString());
		boolean clientCertificate = CLIENT_CERTIFICATE.equals(destination.authentication());
		if (clientCertificate && destination.proxyType() == ProxyType.ON_PREMISE) {
			throw new DestinationException(name, currentTenant(), Step.CONNECT,
					"ClientCertificateAuthentication is not available for OnPremise destinations");
		}
		if (clientCertificate) {
			builder.requestFactory(
					this.withClientCertificate.apply(DestinationKeyStores.bundle(destination, currentTenant())));
		}
		else if (destination.proxyType() == ProxyType.ON_PREMISE) {
			ConnectivityHttpProxy proxy = this.connectivity.get();
			if (proxy == null) {
				throw new DestinationException(name, currentTenant(), Step.CONNECT,
						"it is OnPremise, but there is no connectivity binding (or btp.connectivity.proxy.host)");
			}
			builder.requestFactory(proxy.requestFactory(destination.locationId(),
					DestinationAuthentication.PRINCIPAL_PROPAGATION.equals(destination.authentication())));
		}
		return builder.requestInterceptor(perRequest(name));
	}

	private ClientHttpRequestInterceptor perRequest(String name) {
		return (request, body, execution) -> {
			HttpDestination destination = this.destinations.require(name, HttpDestination.class);
			DestinationAuthentication.apply(destination, currentTenant(), request.getHeaders());
			HttpRequest withQueries = destination.queries().isEmpty() ? request : new HttpRequestWrapper(request) {
				@Override
				public URI getURI() {
					UriComponentsBuilder uri = UriComponentsBuilder.fromUri(super.getURI());
					destination.queries().forEach(uri::queryParam);
					return uri.encode().build().toUri();
				}
			};
			return execution.execute(withQueries, body);
		};
	}

	private static String currentTenant() {
		return CurrentUser.subdomainOf(CurrentUser.get().orElse(null));
	}

}
