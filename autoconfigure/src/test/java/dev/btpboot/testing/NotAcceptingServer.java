package dev.btpboot.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.List;

/**
 * A server on 127.0.0.1 that never accepts and whose accept queue is full, so the kernel drops
 * further connection attempts: a peer that takes no connection, for testing connect deadlines.
 */
public final class NotAcceptingServer implements AutoCloseable {

	private final ServerSocket server;

	private final List<Socket> queued = new ArrayList<>();

	/** Starts the server on a free port and fills its accept queue. */
	public NotAcceptingServer() {
		try {
			this.server = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"));
			for (int i = 0; i < 16; i++) {
				Socket socket = new Socket();
				try {
					socket.connect(this.server.getLocalSocketAddress(), 300);
					this.queued.add(socket);
				}
				catch (SocketTimeoutException ex) {
					socket.close();
					return;
				}
			}
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		close();
		throw new IllegalStateException("The accept queue did not fill up: connections would not stall");
	}

	/** @return the port */
	public int port() {
		return this.server.getLocalPort();
	}

	@Override
	public void close() {
		try {
			for (Socket socket : this.queued) {
				socket.close();
			}
			this.server.close();
		}
		catch (IOException ex) {
			// closing anyway
		}
	}

}
