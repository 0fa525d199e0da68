package dev.btpboot.connectivity.socks;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.IDN;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * The client side of one SOCKS5 handshake with SAP's authentication method {@code 0x80}, on a
 * pair of streams: greeting, token and location id, CONNECT, and the proxy's replies, each read
 * within the deadline. Every failure is an {@link IOException} whose message names the step and
 * what it means at SAP, never the token.
 */
final class Socks5Handshake {

	private static final int VERSION = 0x05;

	private static final int SAP_METHOD = 0x80;

	private static final int AUTH_VERSION = 0x01;

	private static final int CONNECT = 0x01;

	private static final int IPV4 = 0x01;

	private static final int DOMAIN = 0x03;

	private static final int IPV6 = 0x04;

	private static final Pattern IPV4_LITERAL = Pattern
		.compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");

	private final HandshakeInput input;

	private final String proxy;

	private final String target;

	private final int port;

	/** ATYP and DST.ADDR of the CONNECT request. */
	private final byte[] address;

	private String step = "method selection";

	/** What bounds the read in progress, for a timeout message. */
	private String readBound = "";

	/**
	 * @param input the proxy, token and location id
	 * @param host the target's host name (never resolved here: virtual hosts exist only in the
	 * Cloud Connector) or IPv4 literal
	 * @param port the target's port
	 * @throws IOException when the target cannot be sent to the proxy
	 */
	Socks5Handshake(HandshakeInput input, String host, int port) throws IOException {
		this.input = input;
		this.proxy = input.proxy().getHostString() + ":" + input.proxy().getPort();
		this.target = host + ":" + port;
		this.port = port;
		this.address = destinationAddress(host);
	}

	/** Sets how long the next read may wait. */
	@FunctionalInterface
	interface ReadTimeout {

		/** @param millis the wait in milliseconds, always positive */
		void set(int millis) throws IOException;

	}

	/** ATYP and address of the CONNECT request; host names are never resolved here. */
	private byte[] destinationAddress(String host) throws IOException {
		String name = (host.startsWith("[") && host.endsWith("]")) ? host.substring(1, host.length() - 1) : host;
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
		byte[] bytes = asciiHostName(name).getBytes(StandardCharsets.US_ASCII);
		if (bytes.length == 0 || bytes.length > 255) {
			throw new IOException("Cannot connect to '" + this.target + "' through the connectivity proxy: the "
					+ "host name must have 1 to 255 characters.");
		}
		return ByteBuffer.allocate(2 + bytes.length).put((byte) DOMAIN).put((byte) bytes.length).put(bytes).array();
	}

	/**
	 * The host name as the proxy gets it: an internationalized name in its ASCII form
	 * ({@link IDN#toASCII(String)}, e.g. {@code xn--bcher-kva.virtual}); a character that has no
	 * place in a host name is refused rather than sent as {@code ?}.
	 */
	private String asciiHostName(String name) throws IOException {
		String ascii = name;
		if (!name.chars().allMatch((c) -> c < 0x80)) {
			try {
				ascii = IDN.toASCII(name);
			}
			catch (IllegalArgumentException ex) {
				throw new IOException("Cannot connect to '" + this.target + "' through the connectivity proxy: the "
						+ "host name is not a valid internationalized domain name (" + ex.getMessage() + "). Use the "
						+ "virtual host name of the Cloud Connector mapping.", ex);
			}
		}
		for (int i = 0; i < ascii.length(); i++) {
			char c = ascii.charAt(i);
			if (c <= 0x20 || c >= 0x7f) {
				throw new IOException(String.format("Cannot connect to '%s' through the connectivity proxy: the host "
						+ "name has a character that no host name has (U+%04X at position %d). Use the virtual host "
						+ "name of the Cloud Connector mapping.", this.target, (int) c, i + 1));
			}
		}
		return ascii;
	}

	/**
	 * Runs the handshake on a connection to the proxy.
	 * @param in from the proxy
	 * @param out to the proxy
	 * @param deadline when the handshake must be done
	 * @param callerReadTimeout the caller's read timeout in milliseconds, {@code 0} for none: each
	 * read waits at most this long too
	 * @param readTimeout sets the wait of the next read
	 * @throws IOException naming the step, when the proxy refuses, misbehaves or is too slow
	 */
	void run(InputStream in, OutputStream out, Deadline deadline, int callerReadTimeout, ReadTimeout readTimeout)
			throws IOException {
		Reader reader = new Reader(in, deadline, callerReadTimeout, readTimeout);
		write(out, new byte[] { VERSION, 1, (byte) SAP_METHOD });
		byte[] answer = reader.read(2);
		if (answer[0] != VERSION) {
			throw garbage(answer[0]);
		}
		if ((answer[1] & 0xff) != SAP_METHOD) {
			throw failure("method selection", String.format("the proxy chose method 0x%02x instead of SAP's 0x80",
					answer[1]), "This is not the SAP connectivity proxy's SOCKS5 port; check socks5-port.", null);
		}
		this.step = "authentication";
		write(out, authentication());
		answer = reader.read(2);
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
		write(out, ByteBuffer.allocate(3 + this.address.length + 2)
			.put((byte) VERSION)
			.put((byte) CONNECT)
			.put((byte) 0)
			.put(this.address)
			.putShort((short) this.port)
			.array());
		answer = reader.read(2);
		if (answer[0] != VERSION) {
			throw garbage(answer[0]);
		}
		if (answer[1] != 0) {
			throw refused(answer[1] & 0xff);
		}
		// RSV, ATYP, then BND.ADDR and BND.PORT, which the client does not need
		int boundType = reader.read(2)[1];
		int boundLength = switch (boundType) {
			case IPV4 -> 4;
			case IPV6 -> 16;
			case DOMAIN -> reader.read(1)[0] & 0xff;
			default -> throw garbage(boundType);
		};
		reader.read(boundLength + 2);
	}

	private byte[] authentication() {
		byte[] jwt = this.input.token().getBytes(StandardCharsets.US_ASCII);
		byte[] location = this.input.encodedLocationId().getBytes(StandardCharsets.US_ASCII);
		return ByteBuffer.allocate(1 + 4 + jwt.length + 1 + location.length)
			.put((byte) AUTH_VERSION)
			.putInt(jwt.length)
			.put(jwt)
			.put((byte) location.length)
			.put(location)
			.array();
	}

	private void write(OutputStream out, byte[] bytes) throws IOException {
		try {
			out.write(bytes);
			out.flush();
		}
		catch (IOException ex) {
			throw failure(this.step, "sending to the proxy failed (" + ex.getClass().getSimpleName() + ")",
					"Check that " + this.proxy + " is the SOCKS5 port of the SAP connectivity proxy.", ex);
		}
	}

	/** Reads the proxy's answers, each read waiting no longer than the deadline leaves. */
	private final class Reader {

		private final InputStream in;

		private final Deadline deadline;

		private final int callerReadTimeout;

		private final ReadTimeout readTimeout;

		Reader(InputStream in, Deadline deadline, int callerReadTimeout, ReadTimeout readTimeout) {
			this.in = in;
			this.deadline = deadline;
			this.callerReadTimeout = callerReadTimeout;
			this.readTimeout = readTimeout;
		}

		/** Reads a whole answer (or part of one); a proxy sending a byte at a time still meets the deadline. */
		byte[] read(int length) throws IOException {
			byte[] bytes = new byte[length];
			int done = 0;
			while (done < length) {
				waitNoLongerThanAllowed();
				int count;
				try {
					count = this.in.read(bytes, done, length - done);
				}
				catch (SocketTimeoutException ex) {
					throw timeout(ex);
				}
				catch (IOException ex) {
					throw failure(Socks5Handshake.this.step,
							"reading from the proxy failed (" + ex.getClass().getSimpleName() + ")",
							"Check that " + Socks5Handshake.this.proxy + " is the SOCKS5 port of the SAP connectivity "
									+ "proxy.",
							ex);
				}
				if (count < 0) {
					throw failure(Socks5Handshake.this.step, "the proxy closed the connection in the middle of the "
							+ "handshake", "Check that " + Socks5Handshake.this.proxy
									+ " is the SOCKS5 port of the SAP connectivity proxy.",
							null);
				}
				done += count;
			}
			return bytes;
		}

		private void waitNoLongerThanAllowed() throws IOException {
			int remaining = this.deadline.remainingMillis();
			if (remaining == 0) {
				Socks5Handshake.this.readBound = this.deadline.describe();
				throw timeout(null);
			}
			boolean callers = this.callerReadTimeout > 0 && this.callerReadTimeout < remaining;
			Socks5Handshake.this.readBound = callers ? "read timeout of " + this.callerReadTimeout + " ms"
					: this.deadline.describe();
			try {
				this.readTimeout.set(callers ? this.callerReadTimeout : remaining);
			}
			catch (IOException ex) {
				throw failure(Socks5Handshake.this.step, "the connection to the proxy is gone ("
						+ ex.getClass().getSimpleName() + ")", "Check that the connectivity proxy is reachable.", ex);
			}
		}

	}

	private SocketTimeoutException timeout(SocketTimeoutException cause) {
		// A SocketTimeoutException still: callers retry on timeouts by type.
		SocketTimeoutException timeout = new SocketTimeoutException(message("the proxy did not answer in time ("
				+ this.readBound + ")", "Check that the connectivity proxy is reachable and healthy."));
		timeout.initCause(cause);
		return timeout;
	}

	private IOException garbage(int value) {
		return failure(this.step, String.format("the proxy answered with an unexpected byte 0x%02x", value & 0xff),
				"Check that " + this.proxy + " is the SOCKS5 port of the SAP connectivity proxy.", null);
	}

	private IOException refused(int reply) {
		String location = this.input.locationId();
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

	/**
	 * @param step the step that failed
	 * @param problem what went wrong
	 * @param action what to do about it
	 * @param cause the cause, or {@code null}
	 * @return the failure, with a message naming the proxy, the target and the step
	 */
	IOException failure(String step, String problem, String action, Exception cause) {
		this.step = step;
		return new IOException(message(problem, action), cause);
	}

	/**
	 * @param deadline the deadline that passed while connecting to the proxy
	 * @param cause the connect's own timeout
	 * @return the failure, a {@link SocketTimeoutException} (callers retry on timeouts by type)
	 */
	SocketTimeoutException connectTimeout(Deadline deadline, SocketTimeoutException cause) {
		this.step = "connect to proxy";
		this.readBound = deadline.describe();
		SocketTimeoutException timeout = new SocketTimeoutException(message("no connection to the proxy in time ("
				+ deadline.describe() + ")", "Check btp.connectivity.proxy.host and socks5-port (or the binding's "
						+ "onpremise_proxy_host and onpremise_socks5_proxy_port) and that the proxy is healthy."));
		timeout.initCause(cause);
		return timeout;
	}

	private String message(String problem, String action) {
		return message(this.proxy, " for " + this.target, this.step, problem, action);
	}

	/**
	 * @param proxy the proxy
	 * @param cause why there is no token
	 * @return the failure of a socket that got no token for the proxy (before it knows its target)
	 */
	static IOException noToken(InetSocketAddress proxy, RuntimeException cause) {
		return new IOException(message(proxy.getHostString() + ":" + proxy.getPort(), "", "token",
				"no token for the connectivity proxy (" + cause.getClass().getSimpleName() + ")",
				"Check the connectivity binding and the connectivityTokenProvider; the cause says more."), cause);
	}

	private static String message(String proxy, String target, String step, String problem, String action) {
		return "SOCKS5 handshake with the connectivity proxy " + proxy + target + " failed at step '" + step + "': "
				+ problem + ". " + action;
	}

}
