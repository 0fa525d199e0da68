package dev.btpboot.testing;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A SOCKS5 server that speaks SAP's connectivity proxy dialect strictly: method {@code 0x80} only,
 * the JWT + Base64 location id authentication, CONNECT with ATYP {@code 01} or {@code 03}. It
 * records every handshake, relays to the target a virtual host is mapped to (like a Cloud
 * Connector mapping), and can be told to misbehave in each way a real proxy can. Any other byte
 * sequence is a protocol error: recorded, and the connection closed.
 * <p>
 * Binds to 127.0.0.1 on a free port. Outbound connections to targets leave from
 * {@link #OUTBOUND_ADDRESS}, so a target can tell the proxy's connections from direct ones.
 */
public final class TestSocks5Proxy implements AutoCloseable {

	/** How long {@link Failure#DRIP} waits before each byte. */
	public static final Duration DRIP_INTERVAL = Duration.ofMillis(300);

	/** Local address of connections from the proxy to targets. */
	public static final String OUTBOUND_ADDRESS = "127.0.0.2";

	/** One handshake as the proxy saw it. */
	public record Handshake(String jwt, String locationId, int addressType, String host, int port,
			int outboundLocalPort) {
	}

	/** How the proxy misbehaves. */
	public enum Failure {

		/** Closes the connection after the client's greeting. */
		CLOSE_AFTER_GREETING,

		/** Answers the greeting with bytes that are not SOCKS5. */
		GARBAGE_GREETING,

		/** Answers the authentication with {@code 01 01}. */
		REFUSE_AUTHENTICATION,

		/** Closes the connection after reading the CONNECT request. */
		CLOSE_AFTER_CONNECT_REQUEST,

		/** Never answers the greeting. */
		SILENT,

		/**
		 * Sends each byte of its answers {@link TestSocks5Proxy#DRIP_INTERVAL} apart: alive enough for
		 * any read timeout, too slow for a deadline.
		 */
		DRIP

	}

	private final ServerSocket server;

	private final ExecutorService threads = Executors.newCachedThreadPool((runnable) -> {
		Thread thread = new Thread(runnable, "test-socks5-proxy");
		thread.setDaemon(true);
		return thread;
	});

	private final Map<String, InetSocketAddress> mappings = new ConcurrentHashMap<>();

	// Queues and a set rather than copy-on-write lists: load scripts open thousands of connections.
	private final Queue<Handshake> handshakes = new ConcurrentLinkedQueue<>();

	private final Queue<String> protocolErrors = new ConcurrentLinkedQueue<>();

	private final Queue<byte[]> connectRequests = new ConcurrentLinkedQueue<>();

	private final Set<Socket> open = ConcurrentHashMap.newKeySet();

	private volatile int reply;

	private volatile int boundAddressType = 1;

	private volatile Failure failure;

	/** Starts the proxy on 127.0.0.1 and a free port. */
	public TestSocks5Proxy() {
		try {
			this.server = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		this.threads.execute(this::accept);
	}

	/** @return the port the proxy listens on */
	public int port() {
		return this.server.getLocalPort();
	}

	/**
	 * Maps a virtual host, like a Cloud Connector mapping.
	 * @param virtualHost the virtual host name
	 * @param virtualPort the virtual port
	 * @param internalPort the port on 127.0.0.1 it leads to
	 * @return this proxy
	 */
	public TestSocks5Proxy map(String virtualHost, int virtualPort, int internalPort) {
		this.mappings.put(virtualHost + ":" + virtualPort, new InetSocketAddress("127.0.0.1", internalPort));
		return this;
	}

	/**
	 * @param rep the REP code to answer every CONNECT with (0 = success, relaying)
	 * @return this proxy
	 */
	public TestSocks5Proxy reply(int rep) {
		this.reply = rep;
		return this;
	}

	/**
	 * @param type the address type of BND.ADDR in a successful CONNECT reply: 1 (IPv4, the
	 * default), 3 (a host name) or 4 (IPv6); the client must read each to its last byte
	 * @return this proxy
	 */
	public TestSocks5Proxy boundAddressType(int type) {
		this.boundAddressType = type;
		return this;
	}

	/**
	 * @param failure how to misbehave from now on, or {@code null} to behave
	 * @return this proxy
	 */
	public TestSocks5Proxy fail(Failure failure) {
		this.failure = failure;
		return this;
	}

	/** Forgets the recorded handshakes and errors and behaves again. */
	public void reset() {
		this.handshakes.clear();
		this.protocolErrors.clear();
		this.connectRequests.clear();
		this.reply = 0;
		this.boundAddressType = 1;
		this.failure = null;
	}

	/** @return the completed handshakes, oldest first */
	public List<Handshake> handshakes() {
		return List.copyOf(this.handshakes);
	}

	/**
	 * @return every CONNECT request as received, byte for byte ({@code 05 01 00}, ATYP, DST.ADDR,
	 * DST.PORT), oldest first, also those the proxy refused
	 */
	public List<byte[]> connectRequests() {
		return List.copyOf(this.connectRequests);
	}

	/** @return descriptions of byte sequences the proxy rejected */
	public List<String> protocolErrors() {
		return List.copyOf(this.protocolErrors);
	}

	@Override
	public void close() {
		try {
			this.server.close();
		}
		catch (IOException ex) {
			// closing anyway
		}
		this.open.forEach(TestSocks5Proxy::closeQuietly);
		this.threads.shutdownNow();
	}

	private void accept() {
		while (!this.server.isClosed()) {
			try {
				Socket client = this.server.accept();
				// Like a production proxy: relayed protocols are request/response, Nagle only delays them.
				client.setTcpNoDelay(true);
				this.open.add(client);
				this.threads.execute(() -> serve(client));
			}
			catch (IOException ex) {
				return;
			}
		}
	}

	private void serve(Socket client) {
		boolean relaying = false;
		try {
			DataInputStream in = new DataInputStream(client.getInputStream());
			Failure failure = this.failure;
			OutputStream out = (failure == Failure.DRIP) ? new Drip(client.getOutputStream()) : client.getOutputStream();
			byte[] greeting = new byte[3];
			in.readFully(greeting);
			if (!Arrays.equals(greeting, new byte[] { 5, 1, (byte) 0x80 })) {
				throw new ProtocolError("greeting " + hex(greeting) + " is not 05 01 80");
			}
			if (failure == Failure.SILENT) {
				in.read();
				return;
			}
			if (failure == Failure.CLOSE_AFTER_GREETING) {
				return;
			}
			out.write((failure == Failure.GARBAGE_GREETING) ? "HTTP/1.1 400".getBytes(StandardCharsets.US_ASCII)
					: new byte[] { 5, (byte) 0x80 });
			out.flush();
			if (failure == Failure.GARBAGE_GREETING) {
				return;
			}
			expect(in, 1, "authentication version");
			int jwtLength = in.readInt();
			if (jwtLength <= 0 || jwtLength > 65536) {
				throw new ProtocolError("JWT length " + jwtLength);
			}
			byte[] jwt = new byte[jwtLength];
			in.readFully(jwt);
			byte[] location = new byte[in.readUnsignedByte()];
			in.readFully(location);
			String locationId = (location.length > 0)
					? new String(Base64.getDecoder().decode(location), StandardCharsets.UTF_8) : null;
			if (failure == Failure.REFUSE_AUTHENTICATION) {
				out.write(new byte[] { 1, 1 });
				out.flush();
				return;
			}
			out.write(new byte[] { 1, 0 });
			out.flush();
			expect(in, 5, "CONNECT version");
			expect(in, 1, "CONNECT command");
			expect(in, 0, "reserved byte");
			int addressType = in.readUnsignedByte();
			ByteArrayOutputStream request = new ByteArrayOutputStream();
			request.write(new byte[] { 5, 1, 0, (byte) addressType });
			String host;
			if (addressType == 1) {
				byte[] address = new byte[4];
				in.readFully(address);
				request.write(address);
				host = InetAddress.getByAddress(address).getHostAddress();
			}
			else if (addressType == 3) {
				byte[] name = new byte[in.readUnsignedByte()];
				in.readFully(name);
				request.write(name.length);
				request.write(name);
				host = new String(name, StandardCharsets.US_ASCII);
			}
			else {
				throw new ProtocolError("address type " + addressType);
			}
			int port = in.readUnsignedShort();
			request.write(port >> 8);
			request.write(port);
			this.connectRequests.add(request.toByteArray());
			if (failure == Failure.CLOSE_AFTER_CONNECT_REQUEST) {
				return;
			}
			InetSocketAddress target = this.mappings.get(host + ":" + port);
			if (target == null && addressType == 1) {
				target = new InetSocketAddress(host, port);
			}
			int rep = (this.reply != 0) ? this.reply : (target != null) ? 0 : 0x02;
			if (rep != 0) {
				out.write(new byte[] { 5, (byte) rep, 0, 1, 0, 0, 0, 0, 0, 0 });
				out.flush();
				return;
			}
			Socket upstream = new Socket();
			this.open.add(upstream);
			upstream.setTcpNoDelay(true);
			upstream.bind(new InetSocketAddress(OUTBOUND_ADDRESS, 0));
			upstream.connect(target);
			this.handshakes.add(new Handshake(new String(jwt, StandardCharsets.US_ASCII), locationId, addressType,
					host, port, upstream.getLocalPort()));
			out.write(successReply(port));
			out.flush();
			relaying = true;
			this.threads.execute(() -> relay(upstream, client));
			relay(client, upstream);
			this.open.remove(upstream);
		}
		catch (ProtocolError ex) {
			this.protocolErrors.add(ex.getMessage());
		}
		catch (IOException ex) {
			// the client went away
		}
		finally {
			if (!relaying) {
				closeQuietly(client);
			}
			this.open.remove(client);
		}
	}

	private byte[] successReply(int port) {
		ByteArrayOutputStream reply = new ByteArrayOutputStream();
		reply.writeBytes(new byte[] { 5, 0, 0, (byte) this.boundAddressType });
		switch (this.boundAddressType) {
			case 3 -> {
				byte[] host = "connectivity-proxy.internal".getBytes(StandardCharsets.US_ASCII);
				reply.write(host.length);
				reply.writeBytes(host);
			}
			case 4 -> reply.writeBytes(new byte[] { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1 });
			default -> reply.writeBytes(new byte[] { 127, 0, 0, 1 });
		}
		reply.write(port >> 8);
		reply.write(port);
		return reply.toByteArray();
	}

	private static void relay(Socket from, Socket to) {
		try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
			in.transferTo(out);
		}
		catch (IOException ex) {
			// one side closed
		}
		finally {
			closeQuietly(from);
			closeQuietly(to);
		}
	}

	private static void expect(DataInputStream in, int expected, String what) throws IOException {
		int actual = in.readUnsignedByte();
		if (actual != expected) {
			throw new ProtocolError(String.format("%s 0x%02x, expected 0x%02x", what, actual, expected));
		}
	}

	private static String hex(byte[] bytes) {
		StringBuilder text = new StringBuilder();
		for (byte b : bytes) {
			text.append(String.format("%02x ", b));
		}
		return text.toString().trim();
	}

	private static void closeQuietly(Socket socket) {
		try {
			socket.close();
		}
		catch (IOException ex) {
			// already closed
		}
	}

	/** Writes one byte at a time, {@link #DRIP_INTERVAL} apart. */
	private static final class Drip extends FilterOutputStream {

		Drip(OutputStream out) {
			super(out);
		}

		@Override
		public void write(int b) throws IOException {
			try {
				Thread.sleep(DRIP_INTERVAL.toMillis());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IOException("proxy stopped", ex);
			}
			this.out.write(b);
			this.out.flush();
		}

		@Override
		public void write(byte[] b, int off, int len) throws IOException {
			for (int i = 0; i < len; i++) {
				write(b[off + i]);
			}
		}

	}

	private static final class ProtocolError extends IOException {

		ProtocolError(String message) {
			super(message);
		}

	}

}
