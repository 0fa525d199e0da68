package dev.btpboot.connectivity.socks;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;

import javax.net.SocketFactory;

/**
 * A socket factory whose connected sockets are its unconnected ones ({@link #createSocket()})
 * connected afterwards, with host names left unresolved: a proxy resolves them.
 */
public abstract class UnresolvedEndpointSocketFactory extends SocketFactory {

	@Override
	public abstract Socket createSocket() throws IOException;

	@Override
	public Socket createSocket(String host, int port) throws IOException {
		return connected(null, 0, InetSocketAddress.createUnresolved(host, port));
	}

	@Override
	public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
		return connected(localHost, localPort, InetSocketAddress.createUnresolved(host, port));
	}

	@Override
	public Socket createSocket(InetAddress host, int port) throws IOException {
		return connected(null, 0, new InetSocketAddress(host, port));
	}

	@Override
	public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
			throws IOException {
		return connected(localAddress, localPort, new InetSocketAddress(address, port));
	}

	private Socket connected(InetAddress localAddress, int localPort, InetSocketAddress endpoint) throws IOException {
		Socket socket = createSocket();
		try {
			if (localAddress != null || localPort != 0) {
				socket.bind(new InetSocketAddress(localAddress, localPort));
			}
			socket.connect(endpoint);
			return socket;
		}
		catch (IOException | RuntimeException ex) {
			socket.close();
			throw ex;
		}
	}

}
