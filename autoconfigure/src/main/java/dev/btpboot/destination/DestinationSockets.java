package dev.btpboot.destination;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import javax.net.SocketFactory;

import dev.btpboot.connectivity.ConnectivityProxy;
import dev.btpboot.connectivity.ConnectivityTokens;
import dev.btpboot.connectivity.socks.ConnectivitySocketFactory;
import dev.btpboot.destination.DestinationException.Step;

/**
 * Sockets to the systems of destinations: {@code OnPremise} ones through the connectivity proxy's
 * SOCKS5 port with the destination's {@code CloudConnectorLocationId} (else
 * {@code btp.connectivity.location-id}) and a token for the current tenant; others directly.
 * <pre>{@code
 * try (Socket socket = destinationSockets.socket("echo")) { ... }
 * }</pre>
 */
public class DestinationSockets {

	private final DestinationService destinations;

	private final Supplier<ConnectivityProxy> proxy;

	private final Supplier<ConnectivityTokens> tokens;

	private final Duration connectTimeout;

	/** Tunnels by location id ({@code ""} for none): each encodes its id once. */
	private final Map<String, SocketFactory> tunnels = new ConcurrentHashMap<>();

	/**
	 * @param destinations the destination service
	 * @param proxy supplies the connectivity proxy, or {@code null} without a connectivity binding
	 * @param tokens supplies the connectivity tokens, or {@code null} without a connectivity binding
	 * @param connectTimeout the deadline for connect plus SOCKS5 handshake
	 * ({@code btp.connectivity.proxy.connect-timeout})
	 */
	public DestinationSockets(DestinationService destinations, Supplier<ConnectivityProxy> proxy,
			Supplier<ConnectivityTokens> tokens, Duration connectTimeout) {
		this.destinations = destinations;
		this.proxy = proxy;
		this.tokens = tokens;
		this.connectTimeout = connectTimeout;
	}

	/**
	 * @param destination a destination
	 * @return the factory of sockets to its system: through the proxy when {@code OnPremise}, else
	 * the JVM's default
	 * @throws DestinationException when it is {@code OnPremise} and there is no connectivity proxy
	 */
	public SocketFactory socketFactory(Destination destination) {
		if (destination.proxyType() != ProxyType.ON_PREMISE) {
			return SocketFactory.getDefault();
		}
		ConnectivityProxy connectivity = this.proxy.get();
		ConnectivityTokens connectivityTokens = this.tokens.get();
		if (connectivity == null || connectivityTokens == null) {
			throw new DestinationException(destination.name(), null, Step.CONNECT,
					"it is OnPremise, but there is no connectivity binding (or btp.connectivity.proxy.host)");
		}
		String locationId = (destination.locationId() != null) ? destination.locationId() : connectivity.locationId();
		return this.tunnels.computeIfAbsent((locationId != null) ? locationId : "",
				(key) -> new ConnectivitySocketFactory(connectivity::socks5Address, connectivityTokens::forCurrentTenant,
						locationId, this.connectTimeout));
	}

	/**
	 * @param name the name of a TCP destination
	 * @return a socket connected to its {@code Address}
	 * @throws DestinationException when the destination cannot be used
	 * @throws IOException when the connection fails (on premise: the proxy's refusal, with its reason)
	 */
	public Socket socket(String name) throws IOException {
		TcpDestination destination = this.destinations.require(name, TcpDestination.class);
		Socket socket = socketFactory(destination).createSocket();
		// The proxy resolves a virtual host; only the Cloud Connector knows it.
		InetSocketAddress address = (destination.proxyType() == ProxyType.ON_PREMISE)
				? InetSocketAddress.createUnresolved(destination.host(), destination.port())
				: new InetSocketAddress(destination.host(), destination.port());
		try {
			socket.connect(address);
			return socket;
		}
		catch (IOException | RuntimeException ex) {
			socket.close();
			throw ex;
		}
	}

}
