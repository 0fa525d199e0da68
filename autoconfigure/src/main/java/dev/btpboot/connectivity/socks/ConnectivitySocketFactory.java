package dev.btpboot.connectivity.socks;

import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Deque;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.function.Supplier;

import javax.net.SocketFactory;

import dev.btpboot.connectivity.ConnectivityConfigurationException;

/**
 * Hands out sockets that reach their endpoint through the SAP connectivity proxy (SOCKS5 with
 * SAP's authentication method {@code 0x80}). Each connection gets a token for the current user's
 * tenant; host names are sent to the proxy unresolved.
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
	private final byte[] encodedLocationId;

	/**
	 * @param proxy supplies the proxy's SOCKS5 address (may be unresolved)
	 * @param token supplies a token for the proxy, called once per connection; should be cached
	 * @param locationId the Cloud Connector location id, or {@code null}
	 * @throws ConnectivityConfigurationException when the location id is longer than the handshake allows
	 */
	public ConnectivitySocketFactory(Supplier<InetSocketAddress> proxy, Supplier<String> token, String locationId) {
		this.proxy = proxy;
		this.token = token;
		this.locationId = locationId;
		this.encodedLocationId = (locationId != null)
				? Base64.getEncoder().encode(locationId.getBytes(StandardCharsets.UTF_8)) : new byte[0];
		if (this.encodedLocationId.length > 255) {
			throw new ConnectivityConfigurationException(
					"the location id is " + this.encodedLocationId.length + " characters long in Base64",
					"btp.connectivity.location-id must be at most 255 characters in Base64 (189 bytes of UTF-8).");
		}
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

	/** @return an unconnected socket; {@code connect} runs the handshake */
	@Override
	public Socket createSocket() {
		return new ConnectivitySocket(this);
	}

	InetSocketAddress proxyAddress() {
		return this.proxy.get();
	}

	String token() {
		return this.token.get();
	}

	String locationId() {
		return this.locationId;
	}

	byte[] encodedLocationId() {
		return this.encodedLocationId;
	}

}
