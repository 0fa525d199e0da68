package dev.btpboot.connectivity.socks;

import java.io.IOException;
import java.net.Socket;

import javax.net.SocketFactory;
import javax.net.ssl.SSLSocketFactory;

/**
 * Hands out unconnected {@code SSLSocket}s whose {@code connect} tunnels through the connectivity
 * proxy first and then runs TLS inside the tunnel, checking the virtual host name. For clients
 * that connect an SSL socket factory's sockets directly, such as Jakarta Mail with implicit TLS;
 * deliberately not an {@code SSLSocketFactory}, so such a client cannot layer TLS over a direct
 * socket instead.
 */
public final class TunneledTlsSocketFactory extends UnresolvedEndpointSocketFactory {

	private final SocketFactory tunnel;

	private final SSLSocketFactory tls;

	/**
	 * @param tunnel the connectivity socket factory
	 * @param tls the TLS settings (trust, protocols) of the layer inside the tunnel
	 */
	public TunneledTlsSocketFactory(SocketFactory tunnel, SSLSocketFactory tls) {
		this.tunnel = tunnel;
		this.tls = tls;
	}

	@Override
	public Socket createSocket() throws IOException {
		return new TunneledTlsSocket(this.tunnel.createSocket(), this.tls);
	}

}
