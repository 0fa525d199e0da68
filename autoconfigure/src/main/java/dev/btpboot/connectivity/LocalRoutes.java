package dev.btpboot.connectivity;

import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import dev.btpboot.security.ProductionSignals;

import org.springframework.core.env.Environment;

/**
 * Virtual hosts of the Cloud Connector reached directly at a local address
 * ({@code btp.connectivity.local-routes}), for running on-premise code on a laptop against a local
 * server or a tunnel. The SOCKS5 sockets and the routed HTTP clients consult it before they talk
 * to the proxy, so mail, LDAP, HTTP clients and destinations follow it alike. Never in production.
 */
public final class LocalRoutes {

	static final String PROPERTY = "btp.connectivity.local-routes";

	private static final LocalRoutes NONE = new LocalRoutes(Map.of());

	/** Local address by lower-case {@code host:port} of the virtual host. */
	private final Map<String, InetSocketAddress> routes;

	private LocalRoutes(Map<String, InetSocketAddress> routes) {
		this.routes = routes;
	}

	/** @return no local routes: every virtual host goes through the proxy */
	public static LocalRoutes none() {
		return NONE;
	}

	/**
	 * @param routes {@code <virtual-host>:<port>} to {@code <host>:<port>}
	 * @param environment the environment, to refuse local routes in production
	 * @return the routes
	 * @throws ConnectivityConfigurationException when an entry is malformed or the application runs
	 * in production
	 */
	static LocalRoutes of(Map<String, String> routes, Environment environment) {
		if (routes.isEmpty()) {
			return NONE;
		}
		List<String> production = ProductionSignals.of(environment);
		if (!production.isEmpty()) {
			throw new ConnectivityConfigurationException(
					PROPERTY + " is set while the application runs in production (" + String.join(", ", production)
							+ "); local routes would bypass the Cloud Connector",
					"Remove " + PROPERTY + " from the production configuration (keep it in a local profile such "
							+ "as application-local.properties).");
		}
		Map<String, InetSocketAddress> parsed = new LinkedHashMap<>();
		routes.forEach((virtual, local) -> {
			InetSocketAddress from = address(virtual, PROPERTY + " key '" + virtual + "'");
			InetSocketAddress to = address(local, PROPERTY + "[" + virtual + "] value '" + local + "'");
			parsed.put(key(from.getHostString(), from.getPort()), to);
		});
		return new LocalRoutes(Collections.unmodifiableMap(parsed));
	}

	private static InetSocketAddress address(String hostAndPort, String what) {
		int colon = (hostAndPort != null) ? hostAndPort.lastIndexOf(':') : -1;
		String host = (colon > 0) ? hostAndPort.substring(0, colon).trim() : "";
		int port = -1;
		if (colon > 0) {
			try {
				port = Integer.parseInt(hostAndPort.substring(colon + 1).trim());
			}
			catch (NumberFormatException ex) {
				// reported below
			}
		}
		if (host.isEmpty() || port < 1 || port > 65535) {
			throw new ConnectivityConfigurationException(what + " is not of the form <host>:<port>",
					"Write each local route as " + PROPERTY + "[<virtual-host>:<port>]=<host>:<port>, for example "
							+ PROPERTY + "[mail.virtual:25]=localhost:3025.");
		}
		return InetSocketAddress.createUnresolved(host, port);
	}

	private static String key(String host, int port) {
		return host.toLowerCase(Locale.ROOT) + ":" + port;
	}

	/** @return whether no virtual host is routed locally */
	public boolean isEmpty() {
		return this.routes.isEmpty();
	}

	/**
	 * @param host a virtual host
	 * @param port its port
	 * @return the local address to connect to instead, unresolved; {@code null} when the virtual
	 * host is not routed locally
	 */
	public InetSocketAddress find(String host, int port) {
		return (host != null) ? this.routes.get(key(host, port)) : null;
	}

	/**
	 * @param uri an HTTP or HTTPS request URI (without a port, the scheme's default port counts)
	 * @return the same URI with the local host and port, or {@code null} when its host is not routed
	 * locally
	 */
	public URI rewrite(URI uri) {
		int port = (uri.getPort() != -1) ? uri.getPort() : ("https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80);
		InetSocketAddress local = find(uri.getHost(), port);
		if (local == null) {
			return null;
		}
		String authority = local.getHostString() + ":" + local.getPort();
		return URI.create(uri.getScheme() + "://" + authority + uri.getRawPath()
				+ ((uri.getRawQuery() != null) ? "?" + uri.getRawQuery() : "")
				+ ((uri.getRawFragment() != null) ? "#" + uri.getRawFragment() : ""));
	}

	/** @return the routes as {@code virtual:port -> host:port}, for the start-up log */
	@Override
	public String toString() {
		return this.routes.entrySet()
			.stream()
			.map((route) -> route.getKey() + " -> " + route.getValue().getHostString() + ":"
					+ route.getValue().getPort())
			.collect(Collectors.joining(", "));
	}

}
