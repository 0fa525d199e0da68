package dev.btpboot.connectivity.socks;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.SocketTimeoutException;

import dev.btpboot.connectivity.LocalRoutes;

/**
 * A socket that reaches its endpoint through the SAP connectivity proxy: it connects to the proxy
 * and runs the SOCKS5 handshake with SAP's authentication method {@code 0x80} (a JWT and the
 * Cloud Connector location id). Host names go to the proxy unresolved, because virtual hosts exist
 * only in the Cloud Connector. A virtual host of the local routes is connected to its local address
 * directly instead: same socket, same callers, no proxy.
 */
final class ConnectivitySocket extends Socket {

	private final LocalRoutes localRoutes;

	private final HandshakeSource input;

	/**
	 * @param localRoutes virtual hosts reached directly
	 * @param input the proxy address and token: a {@link HandshakeInput}, or a source asked once
	 * when the connection goes through the proxy
	 */
	ConnectivitySocket(LocalRoutes localRoutes, HandshakeSource input) {
		this.localRoutes = localRoutes;
		this.input = input;
	}

	/** What the handshake needs: fixed at creation, or fetched on connect when local routes exist. */
	@FunctionalInterface
	interface HandshakeSource {

		HandshakeInput handshakeInput() throws IOException;

	}

	@Override
	public void connect(SocketAddress endpoint) throws IOException {
		connect(endpoint, 0);
	}

	/**
	 * Connects to the proxy and runs the handshake, both within one deadline: the handshake input's
	 * connect timeout, or {@code timeout} when that is shorter. Each read of the handshake also
	 * waits at most {@link #getSoTimeout()} when one is set; once connected, that read timeout
	 * applies alone again.
	 */
	@Override
	public void connect(SocketAddress endpoint, int timeout) throws IOException {
		if (!(endpoint instanceof InetSocketAddress target)) {
			throw new IllegalArgumentException("Unsupported address type: " + endpoint);
		}
		InetSocketAddress local = this.localRoutes.find(target.getHostString(), target.getPort());
		if (local != null) {
			super.connect(new InetSocketAddress(local.getHostString(), local.getPort()), timeout);
			return;
		}
		HandshakeInput input;
		try {
			input = this.input.handshakeInput();
		}
		catch (IOException ex) {
			close();
			throw ex;
		}
		Socks5Handshake handshake = new Socks5Handshake(input, target.getHostString(), target.getPort());
		Deadline deadline = Deadline.of(input.connectTimeout(), timeout);
		InetSocketAddress proxy = input.proxy();
		// Mail and LDAP write small commands and wait for answers; through a relay, Nagle's algorithm
		// meeting delayed ACKs stalls such exchanges for tens of milliseconds.
		setTcpNoDelay(true);
		try {
			// Resolving the proxy's name is not bounded: the JDK offers no timeout for it.
			super.connect(proxy.isUnresolved() ? new InetSocketAddress(proxy.getHostString(), proxy.getPort()) : proxy,
					Math.max(1, deadline.remainingMillis()));
		}
		catch (SocketTimeoutException ex) {
			close();
			throw handshake.connectTimeout(deadline, ex);
		}
		catch (IOException ex) {
			close();
			throw handshake.failure("connect to proxy", ex.getClass().getSimpleName() + ": " + ex.getMessage(),
					"Check btp.connectivity.proxy.host and socks5-port (or the binding's onpremise_proxy_host and "
							+ "onpremise_socks5_proxy_port).",
					ex);
		}
		int readTimeout = getSoTimeout();
		try {
			handshake.run(super.getInputStream(), super.getOutputStream(), deadline, readTimeout, this::setSoTimeout);
		}
		catch (IOException ex) {
			close();
			throw ex;
		}
		finally {
			if (!isClosed()) {
				setSoTimeout(readTimeout);
			}
		}
	}

}
