package dev.btpboot.connectivity.socks;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Deque;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.function.Supplier;

import javax.net.SocketFactory;

import dev.btpboot.connectivity.ConnectivityConfigurationException;
import dev.btpboot.connectivity.ConnectivityProperties;
import dev.btpboot.connectivity.ConnectivityProxy;
import dev.btpboot.connectivity.LocalRoutes;

/**
 * Hands out sockets that reach their endpoint through the SAP connectivity proxy (SOCKS5 with
 * SAP's authentication method {@code 0x80}). Each socket gets a token for the current user's
 * tenant when it is made; host names are sent to the proxy unresolved. Connect and handshake
 * finish within {@code btp.connectivity.proxy.connect-timeout} (or the caller's shorter connect
 * timeout), or fail with an {@link IOException} that names the step reached. A virtual host of
 * the {@link LocalRoutes} is connected to its local address directly, with no proxy and no token.
 * <p>
 * Jakarta Mail takes an instance ({@code mail.<protocol>.socketFactory}); JNDI takes a class name
 * ({@code java.naming.ldap.factory.socket}) and calls the static {@link #getDefault()}, which
 * returns the factory of the most recently started application context that has one.
 */
public class ConnectivitySocketFactory extends UnresolvedEndpointSocketFactory {

	/** Factories of running application contexts, the most recently started first. */
	private static final Deque<ConnectivitySocketFactory> RUNNING = new ConcurrentLinkedDeque<>();

	private final Supplier<InetSocketAddress> proxy;

	private final Supplier<String> token;

	private final String locationId;

	/** The location id as the handshake sends it, encoded once. */
	private final String encodedLocationId;

	private final Duration connectTimeout;

	private final LocalRoutes localRoutes;

	/**
	 * A factory with the default deadline of {@code btp.connectivity.proxy.connect-timeout}.
	 * @param proxy supplies the proxy's SOCKS5 address (may be unresolved)
	 * @param token supplies a token for the proxy, called once per socket; should be cached
	 * @param locationId the Cloud Connector location id, or {@code null}
	 * @throws ConnectivityConfigurationException when the location id cannot be sent
	 * @see ConnectivityProxy#encodeLocationId(String)
	 */
	public ConnectivitySocketFactory(Supplier<InetSocketAddress> proxy, Supplier<String> token, String locationId) {
		this(proxy, token, locationId, new ConnectivityProperties.Proxy().getConnectTimeout());
	}

	/**
	 * @param proxy supplies the proxy's SOCKS5 address (may be unresolved)
	 * @param token supplies a token for the proxy, called once per socket; should be cached
	 * @param locationId the Cloud Connector location id, or {@code null}
	 * @param connectTimeout the deadline for connect plus handshake
	 * @throws ConnectivityConfigurationException when the location id cannot be sent or the
	 * deadline is not positive
	 * @see ConnectivityProxy#encodeLocationId(String)
	 */
	public ConnectivitySocketFactory(Supplier<InetSocketAddress> proxy, Supplier<String> token, String locationId,
			Duration connectTimeout) {
		this(proxy, token, locationId, connectTimeout, LocalRoutes.none());
	}

	/**
	 * @param proxy supplies the proxy's SOCKS5 address (may be unresolved)
	 * @param token supplies a token for the proxy, called once per socket through the proxy; should be cached
	 * @param locationId the Cloud Connector location id, or {@code null}
	 * @param connectTimeout the deadline for connect plus handshake
	 * @param localRoutes virtual hosts connected to directly at a local address
	 * @throws ConnectivityConfigurationException when the location id cannot be sent or the
	 * deadline is not positive
	 * @see ConnectivityProxy#encodeLocationId(String)
	 */
	public ConnectivitySocketFactory(Supplier<InetSocketAddress> proxy, Supplier<String> token, String locationId,
			Duration connectTimeout, LocalRoutes localRoutes) {
		this.localRoutes = localRoutes;
		this.proxy = proxy;
		this.token = token;
		this.locationId = locationId;
		this.encodedLocationId = new String(ConnectivityProxy.encodeLocationId(locationId), StandardCharsets.US_ASCII);
		if (connectTimeout == null || connectTimeout.isNegative() || connectTimeout.isZero()) {
			throw new ConnectivityConfigurationException("the connect timeout is " + connectTimeout,
					"Set btp.connectivity.proxy.connect-timeout to a positive duration, such as 10s.");
		}
		this.connectTimeout = connectTimeout;
	}

	/**
	 * The factory for JNDI ({@code java.naming.ldap.factory.socket}): the one of the most recently
	 * started application context that is still running.
	 * @return the factory
	 * @throws IllegalStateException when no application context with a connectivity socket factory runs
	 */
	public static SocketFactory getDefault() {
		ConnectivitySocketFactory factory = RUNNING.peekFirst();
		if (factory == null) {
			throw new IllegalStateException("No ConnectivitySocketFactory is available: JNDI's "
					+ "java.naming.ldap.factory.socket needs a running Spring application context with a "
					+ "connectivity binding (or btp.connectivity.proxy.host) and the bean connectivitySocketFactory.");
		}
		return factory;
	}

	/** Makes this factory the one {@link #getDefault()} returns, until {@link #stop()}. */
	void start() {
		RUNNING.addFirst(this);
	}

	/** Withdraws this factory from {@link #getDefault()}. */
	void stop() {
		RUNNING.remove(this);
	}

	/**
	 * @return an unconnected socket with the proxy address and a token of the current user's
	 * tenant; {@code connect} runs the handshake. With local routes, both are fetched on
	 * {@code connect} to a virtual host that is not routed locally.
	 * @throws IOException when the proxy address is unknown or no token can be had, naming the step
	 */
	@Override
	public Socket createSocket() throws IOException {
		if (!this.localRoutes.isEmpty()) {
			// Whether the proxy is needed is known only when the endpoint is.
			return new ConnectivitySocket(this.localRoutes, this::handshakeInput);
		}
		return new ConnectivitySocket(this.localRoutes, handshakeInput());
	}

	private HandshakeInput handshakeInput() throws IOException {
		InetSocketAddress address;
		try {
			address = this.proxy.get();
		}
		catch (RuntimeException ex) {
			throw new IOException("Cannot connect through the connectivity proxy: " + ex.getMessage(), ex);
		}
		String proxyToken;
		try {
			proxyToken = this.token.get();
		}
		catch (RuntimeException ex) {
			throw Socks5Handshake.noToken(address, ex);
		}
		return new HandshakeInput(address, proxyToken, this.locationId, this.encodedLocationId, this.connectTimeout);
	}

	byte[] encodedLocationId() {
		return this.encodedLocationId.getBytes(StandardCharsets.US_ASCII);
	}

}
