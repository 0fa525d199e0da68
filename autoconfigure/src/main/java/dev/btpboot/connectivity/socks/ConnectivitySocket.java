package dev.btpboot.connectivity.socks;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * A socket that reaches its endpoint through the SAP connectivity proxy: it connects to the proxy
 * and runs the SOCKS5 handshake with SAP's authentication method {@code 0x80} (a JWT and the
 * Cloud Connector location id). Host names go to the proxy unresolved, because virtual hosts exist
 * only in the Cloud Connector.
 */
final class ConnectivitySocket extends Socket {

	private static final int VERSION = 0x05;

	private static final int SAP_METHOD = 0x80;

	private static final int AUTH_VERSION = 0x01;

	private static final int CONNECT = 0x01;

	private static final int IPV4 = 0x01;

	private static final int DOMAIN = 0x03;

	private static final int IPV6 = 0x04;

	private static final Pattern IPV4_LITERAL = Pattern
		.compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");

	private final ConnectivitySocketFactory factory;

	ConnectivitySocket(ConnectivitySocketFactory factory) {
		this.factory = factory;
	}

	@Override
	public void connect(SocketAddress endpoint) throws IOException {
		connect(endpoint, 0);
	}

	/**
	 * Connects to the proxy within {@code timeout} and runs the handshake; the handshake waits at
	 * most {@link #getSoTimeout()} per read, or {@code timeout} when no read timeout is set.
	 */
	@Override
	public void connect(SocketAddress endpoint, int timeout) throws IOException {
		if (!(endpoint instanceof InetSocketAddress target)) {
			throw new IllegalArgumentException("Unsupported address type: " + endpoint);
		}
		Handshake handshake = new Handshake(target);
		byte[] address = handshake.destinationAddress();
		InetSocketAddress proxy = handshake.proxyAddress();
		String token = handshake.token();
		// Mail and LDAP write small commands and wait for answers; through a relay, Nagle's algorithm
		// meeting delayed ACKs stalls such exchanges for tens of milliseconds.
		setTcpNoDelay(true);
		try {
			super.connect(proxy.isUnresolved() ? new InetSocketAddress(proxy.getHostString(), proxy.getPort()) : proxy,
					timeout);
		}
		catch (IOException ex) {
			IOException failure = handshake.failure("connect to proxy",
					ex.getClass().getSimpleName() + ": " + ex.getMessage(),
					"Check btp.connectivity.proxy.host and socks5-port (or the binding's onpremise_proxy_host and "
							+ "onpremise_socks5_proxy_port).",
					ex);
			if (ex instanceof SocketTimeoutException) {
				// Callers retry on timeouts by type.
				SocketTimeoutException timedOut = new SocketTimeoutException(failure.getMessage());
				timedOut.initCause(ex);
				throw timedOut;
			}
			throw failure;
		}
		int readTimeout = getSoTimeout();
		if (readTimeout == 0 && timeout > 0) {
			setSoTimeout(timeout);
		}
		try {
			handshake.run(token, address);
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

	/** One handshake: the steps, and messages that name the step and what it means at SAP. */
	private final class Handshake {

		private final String target;

		private final String host;

		private final int port;

		private String proxy = "(not resolved)";

		private String step = "method selection";

		Handshake(InetSocketAddress target) {
			this.host = target.getHostString();
			this.port = target.getPort();
			this.target = this.host + ":" + this.port;
		}

		/** ATYP and address of the CONNECT request; host names are never resolved here. */
		byte[] destinationAddress() throws IOException {
			String name = this.host.startsWith("[") ? this.host.substring(1, this.host.length() - 1) : this.host;
			if (name.contains(":")) {
				throw new IOException("Cannot connect to " + this.target + " through the connectivity proxy: IPv6 "
						+ "addresses are not supported. Use the virtual host name of the Cloud Connector mapping.");
			}
			if (IPV4_LITERAL.matcher(name).matches()) {
				ByteBuffer buffer = ByteBuffer.allocate(5).put((byte) IPV4);
				for (String part : name.split("\\.")) {
					buffer.put((byte) Integer.parseInt(part));
				}
				return buffer.array();
			}
			byte[] bytes = name.getBytes(StandardCharsets.US_ASCII);
			if (bytes.length == 0 || bytes.length > 255) {
				throw new IOException("Cannot connect to '" + this.target + "' through the connectivity proxy: the "
						+ "host name must have 1 to 255 characters.");
			}
			return ByteBuffer.allocate(2 + bytes.length).put((byte) DOMAIN).put((byte) bytes.length).put(bytes).array();
		}

		InetSocketAddress proxyAddress() throws IOException {
			try {
				InetSocketAddress proxy = ConnectivitySocket.this.factory.proxyAddress();
				this.proxy = proxy.getHostString() + ":" + proxy.getPort();
				return proxy;
			}
			catch (RuntimeException ex) {
				throw new IOException("Cannot connect to " + this.target + " through the connectivity proxy: "
						+ ex.getMessage(), ex);
			}
		}

		String token() throws IOException {
			try {
				return ConnectivitySocket.this.factory.token();
			}
			catch (RuntimeException ex) {
				throw failure("token", "no token for the connectivity proxy (" + ex.getClass().getSimpleName() + ")",
						"Check the connectivity binding and the connectivityTokenProvider; the cause says more.", ex);
			}
		}

		void run(String token, byte[] address) throws IOException {
			OutputStream out = ConnectivitySocket.super.getOutputStream();
			DataInputStream in = new DataInputStream(ConnectivitySocket.super.getInputStream());
			out.write(new byte[] { VERSION, 1, (byte) SAP_METHOD });
			out.flush();
			byte[] answer = read(in, 2);
			if (answer[0] != VERSION) {
				throw garbage(answer[0]);
			}
			if ((answer[1] & 0xff) != SAP_METHOD) {
				throw failure("method selection", String.format("the proxy chose method 0x%02x instead of SAP's 0x80",
						answer[1]), "This is not the SAP connectivity proxy's SOCKS5 port; check socks5-port.", null);
			}
			this.step = "authentication";
			out.write(authentication(token));
			out.flush();
			answer = read(in, 2);
			if (answer[0] != AUTH_VERSION) {
				throw garbage(answer[0]);
			}
			if (answer[1] != 0) {
				throw failure("authentication", String.format("the proxy refused the token (status 0x%02x)", answer[1]),
						"The connectivity token was not accepted: check that the connectivity binding belongs to "
								+ "this subaccount and the token's tenant.",
						null);
			}
			this.step = "connect";
			out.write(ByteBuffer.allocate(3 + address.length + 2)
				.put((byte) VERSION)
				.put((byte) CONNECT)
				.put((byte) 0)
				.put(address)
				.putShort((short) this.port)
				.array());
			out.flush();
			answer = read(in, 2);
			if (answer[0] != VERSION) {
				throw garbage(answer[0]);
			}
			if (answer[1] != 0) {
				throw refused(answer[1] & 0xff);
			}
			// RSV, ATYP, then BND.ADDR and BND.PORT, which the client does not need
			int boundType = read(in, 2)[1];
			int boundLength = switch (boundType) {
				case IPV4 -> 4;
				case IPV6 -> 16;
				case DOMAIN -> read(in, 1)[0] & 0xff;
				default -> throw garbage(boundType);
			};
			read(in, boundLength + 2);
		}

		private byte[] authentication(String token) throws IOException {
			byte[] jwt = token.getBytes(StandardCharsets.US_ASCII);
			byte[] location = ConnectivitySocket.this.factory.encodedLocationId();
			return ByteBuffer.allocate(1 + 4 + jwt.length + 1 + location.length)
				.put((byte) AUTH_VERSION)
				.putInt(jwt.length)
				.put(jwt)
				.put((byte) location.length)
				.put(location)
				.array();
		}

		/** Reads a whole answer (or part of one) of the proxy: one call for what arrived together. */
		private byte[] read(DataInputStream in, int length) throws IOException {
			try {
				byte[] bytes = new byte[length];
				in.readFully(bytes);
				return bytes;
			}
			catch (SocketTimeoutException ex) {
				SocketTimeoutException timeout = new SocketTimeoutException(message("the proxy did not answer in time ("
						+ ex.getMessage() + ")", "Check that the connectivity proxy is reachable and healthy."));
				timeout.initCause(ex);
				throw timeout;
			}
			catch (EOFException ex) {
				throw failure(this.step, "the proxy closed the connection in the middle of the handshake",
						"Check that " + this.proxy + " is the SOCKS5 port of the SAP connectivity proxy.", ex);
			}
		}

		private IOException garbage(int value) {
			return failure(this.step, String.format("the proxy answered with an unexpected byte 0x%02x", value & 0xff),
					"Check that " + this.proxy + " is the SOCKS5 port of the SAP connectivity proxy.", null);
		}

		private IOException refused(int reply) {
			String location = ConnectivitySocket.this.factory.locationId();
			Refusal refusal = switch (reply) {
				case 0x02 -> new Refusal("the Cloud Connector has no mapping for virtual host " + this.target,
						"Add a TCP mapping for it to the Cloud Connector.");
				case 0x03 -> new Refusal("the Cloud Connector is not connected to the subaccount, or the location id "
						+ ((location != null) ? "'" + location + "'" : "(none)") + " is unknown",
						"Check the Cloud Connector and btp.connectivity.location-id.");
				case 0x04 -> new Refusal("the Cloud Connector cannot reach the backend mapped to " + this.target,
						"Check the internal host and port of the mapping.");
				case 0x05 -> new Refusal("the proxy could not authenticate the request",
						"Check the connectivity binding and the token's tenant.");
				case 0x07 -> new Refusal("the proxy does not support the CONNECT command",
						"Check that this is the SOCKS5 port of the SAP connectivity proxy.");
				case 0x08 -> new Refusal("the proxy does not support this address type",
						"Use the virtual host name of the Cloud Connector mapping.");
				default -> new Refusal("the proxy reported a general failure", "Check the connectivity proxy.");
			};
			return new IOException(message(String.format("the proxy refused the connection (SOCKS5 reply 0x%02x): %s",
					reply, refusal.meaning()), refusal.action()));
		}

		/** What a SOCKS5 reply code means at SAP, and what to do about it. */
		private record Refusal(String meaning, String action) {
		}

		IOException failure(String step, String problem, String action, Exception cause) {
			this.step = step;
			return new IOException(message(problem, action), cause);
		}

		private String message(String problem, String action) {
			return "SOCKS5 handshake with the connectivity proxy " + this.proxy + " for " + this.target
					+ " failed at step '" + this.step + "': " + problem + ". " + action;
		}

	}

}
