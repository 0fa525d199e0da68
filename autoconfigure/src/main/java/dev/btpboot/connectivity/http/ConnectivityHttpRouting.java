package dev.btpboot.connectivity.http;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import dev.btpboot.connectivity.ConnectivityProperties;
import dev.btpboot.connectivity.ConnectivityProperties.Mode;
import dev.btpboot.connectivity.ConnectivityProperties.PrincipalPropagation;
import dev.btpboot.connectivity.ConnectivityProxy;
import dev.btpboot.connectivity.ConnectivityTokens;
import dev.btpboot.connectivity.LocalRoutes;
import dev.btpboot.security.BtpUser;
import dev.btpboot.security.CurrentUser;

import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.http.HttpHeaders;
import org.springframework.util.function.SingletonSupplier;

/**
 * Which HTTP requests go through the connectivity proxy ({@code btp.connectivity.http.hosts}), and
 * the headers they carry (ARCHITECTURE §6): the proxy token per mode, principal propagation,
 * technical user propagation and the location id. A virtual host of the {@link LocalRoutes} goes
 * to its local address directly instead, whether or not it matches the hosts.
 */
final class ConnectivityHttpRouting {

	static final String LOCATION_ID = "SAP-Connectivity-SCC-Location_ID";

	static final String USER = "SAP-Connectivity-Authentication";

	static final String TECHNICAL_USER = "SAP-Connectivity-Technical-Authentication";

	static final String SERVICE_TOKEN = "SAP-CP-Connectivity-Service-Token";

	private final List<Pattern> hosts;

	private final ConnectivityProxy proxy;

	private final PrincipalPropagation propagation;

	private final boolean technicalUser;

	private final ConnectivityTokens tokens;

	private final Duration connectTimeout;

	private final LocalRoutes localRoutes;

	ConnectivityHttpRouting(ConnectivityProperties properties, ConnectivityProxy proxy, ConnectivityTokens tokens,
			LocalRoutes localRoutes) {
		this.localRoutes = localRoutes;
		this.hosts = properties.getHttp().getHosts().stream().map(ConnectivityHttpRouting::glob).toList();
		this.proxy = proxy;
		this.propagation = properties.getPrincipalPropagation();
		this.technicalUser = properties.isTechnicalUserPropagation();
		this.tokens = tokens;
		this.connectTimeout = properties.getProxy().getConnectTimeout();
	}

	private static Pattern glob(String hostPattern) {
		String regex = Pattern.quote(hostPattern.trim().toLowerCase(Locale.ROOT)).replace("*", "\\E[^/]*\\Q");
		return Pattern.compile(regex);
	}

	/** @return whether any host is routed through the proxy or to a local address */
	boolean routesAny() {
		return !this.hosts.isEmpty() || !this.localRoutes.isEmpty();
	}

	/**
	 * @param uri a request URI
	 * @return the URI with the local address of its virtual host, or {@code null} when the host
	 * has no local route
	 */
	URI localRoute(URI uri) {
		return this.localRoutes.rewrite(uri);
	}

	/**
	 * @param uri a request URI
	 * @return whether it goes through the proxy
	 */
	boolean routes(URI uri) {
		String host = (uri.getHost() != null) ? uri.getHost().toLowerCase(Locale.ROOT) : null;
		return host != null && this.hosts.stream().anyMatch((pattern) -> pattern.matcher(host).matches());
	}

	/** @return a proxy selector with the proxy's HTTP address (resolved when the client connects) */
	ProxySelector proxySelector() {
		InetSocketAddress address = this.proxy.httpAddress();
		return ProxySelector.of(address);
	}

	/**
	 * @param settings the settings of Spring Boot's HTTP clients
	 * @return the same settings for the client that talks to the proxy: its connect timeout is
	 * {@code btp.connectivity.proxy.connect-timeout}, or the configured one when that is shorter
	 */
	HttpClientSettings proxiedSettings(HttpClientSettings settings) {
		Duration configured = settings.connectTimeout();
		return (configured != null && configured.compareTo(this.connectTimeout) < 0) ? settings
				: settings.withConnectTimeout(this.connectTimeout);
	}

	/**
	 * @param uri the request's URI
	 * @param failure how a request through the proxy failed
	 * @return a failure of the same kind (a timeout stays a timeout) whose message names the proxy
	 * and the step, when the proxy took no connection or gave no answer in time; else {@code failure}
	 */
	IOException explain(URI uri, IOException failure) {
		String step;
		String problem;
		IOException explained;
		if (failure instanceof HttpConnectTimeoutException) {
			step = "connect to proxy";
			problem = "no connection within " + this.connectTimeout.toMillis()
					+ " ms (btp.connectivity.proxy.connect-timeout, or a shorter spring.http.clients.connect-timeout)";
			explained = new HttpConnectTimeoutException(message(uri, step, problem));
		}
		else if (failure instanceof ConnectException) {
			step = "connect to proxy";
			problem = "the connection was refused";
			explained = new ConnectException(message(uri, step, problem));
		}
		else if (failure instanceof HttpTimeoutException) {
			// Through the HTTP port the proxy answers when the backend does: only the read timeout bounds it.
			step = "response";
			problem = "no answer within the read timeout (spring.http.clients.read-timeout); the proxy answers "
					+ "when the backend behind the Cloud Connector does";
			explained = new HttpTimeoutException(message(uri, step, problem));
		}
		else {
			return failure;
		}
		explained.initCause(failure);
		return explained;
	}

	private String message(URI uri, String step, String problem) {
		InetSocketAddress proxy = this.proxy.httpAddress();
		// Scheme, host and port only: a query may carry something secret.
		return "HTTP request to " + uri.getScheme() + "://" + uri.getHost() + ":" + uri.getPort()
				+ " through the connectivity proxy " + proxy.getHostString() + ":" + proxy.getPort() + " failed at step '"
				+ step + "': " + problem + ". Check btp.connectivity.proxy.host and http-port (or the binding's "
				+ "onpremise_proxy_host and onpremise_proxy_http_port) and that the proxy and the backend are healthy.";
	}

	/**
	 * Fetches the tokens a request of this user needs (cached by the token provider) and returns
	 * the change to make to its headers. Runs on the caller's thread, where the user is known.
	 * @param user the current user, or {@code null}
	 * @return sets and removes headers of the outgoing request
	 */
	Consumer<HttpHeaders> headersFor(BtpUser user) {
		return headersFor(user, null, true);
	}

	/**
	 * @param user the current user, or {@code null}
	 * @param locationId the location id of this request, or {@code null} for {@code btp.connectivity.location-id}
	 * @param propagateUser whether the user may be propagated (as {@code principal-propagation} says)
	 * @return sets and removes headers of the outgoing request
	 * @see #headersFor(BtpUser)
	 */
	Consumer<HttpHeaders> headersFor(BtpUser user, String locationId, boolean propagateUser) {
		HttpHeaders set = new HttpHeaders();
		String userJwt = (user != null && propagateUser && this.propagation != PrincipalPropagation.NONE)
				? user.propagationToken() : null;
		String exchanged = (userJwt != null && this.propagation == PrincipalPropagation.EXCHANGE)
				? this.tokens.forUser(userJwt) : null;
		// Fetched (from the cache) at most once, however many headers carry it.
		Supplier<String> tenantToken = SingletonSupplier.of(() -> this.tokens.forTenantOf(user));
		if (this.proxy.mode() != Mode.KUBERNETES_TRUSTED) {
			set.set(HttpHeaders.PROXY_AUTHORIZATION, bearer((exchanged != null) ? exchanged : tenantToken.get()));
		}
		else if (CurrentUser.tenantIdOf(user) != null && this.tokens.available()) {
			// A trusted proxy serving several tenants learns the tenant from the service token.
			set.set(SERVICE_TOKEN, tenantToken.get());
		}
		if (userJwt != null && exchanged == null) {
			set.set(USER, bearer(userJwt));
		}
		else if (exchanged != null && this.proxy.mode() == Mode.KUBERNETES_TRUSTED) {
			// No Proxy-Authorization in trusted mode: the exchanged token travels as the user's.
			set.set(USER, bearer(exchanged));
		}
		if (this.technicalUser) {
			set.set(TECHNICAL_USER, bearer(tenantToken.get()));
		}
		String location = (locationId != null) ? locationId : this.proxy.locationId();
		if (location != null) {
			set.set(LOCATION_ID, location);
		}
		boolean dropAuthorization = userJwt != null || this.technicalUser;
		return (headers) -> {
			if (dropAuthorization) {
				headers.remove(HttpHeaders.AUTHORIZATION);
			}
			headers.putAll(set);
		};
	}

	private static String bearer(String token) {
		return "Bearer " + token;
	}

}
