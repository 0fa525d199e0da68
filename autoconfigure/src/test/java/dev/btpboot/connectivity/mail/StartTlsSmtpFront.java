package dev.btpboot.connectivity.mail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * Adds STARTTLS to GreenMail's plain SMTP, which has none: it relays the greeting and EHLO (adding
 * {@code 250-STARTTLS}), answers {@code STARTTLS} itself, runs TLS with the client, and from then
 * on relays the decrypted bytes to GreenMail. Records the addresses clients connect from.
 */
final class StartTlsSmtpFront implements AutoCloseable {

	private final ServerSocket server;

	private final int smtpPort;

	private final SSLContext tls;

	private final List<InetAddress> clients = new CopyOnWriteArrayList<>();

	StartTlsSmtpFront(int smtpPort, SSLContext tls) throws IOException {
		this.server = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
		this.smtpPort = smtpPort;
		this.tls = tls;
		Thread acceptor = new Thread(this::accept, "starttls-front");
		acceptor.setDaemon(true);
		acceptor.start();
	}

	int port() {
		return this.server.getLocalPort();
	}

	List<InetAddress> clients() {
		return List.copyOf(this.clients);
	}

	@Override
	public void close() throws IOException {
		this.server.close();
	}

	private void accept() {
		while (!this.server.isClosed()) {
			try {
				Socket client = this.server.accept();
				this.clients.add(client.getInetAddress());
				Thread thread = new Thread(() -> serve(client), "starttls-front-session");
				thread.setDaemon(true);
				thread.start();
			}
			catch (IOException ex) {
				return;
			}
		}
	}

	private void serve(Socket client) {
		try (client; Socket backend = new Socket("127.0.0.1", this.smtpPort)) {
			InputStream fromBackend = backend.getInputStream();
			OutputStream toBackend = backend.getOutputStream();
			OutputStream toClient = client.getOutputStream();
			write(toClient, readReply(fromBackend));
			while (true) {
				String command = readLine(client.getInputStream());
				if (command.regionMatches(true, 0, "STARTTLS", 0, 8)) {
					write(toClient, "220 2.0.0 Ready to start TLS\r\n");
					break;
				}
				write(toBackend, command + "\r\n");
				String reply = readReply(fromBackend);
				if (command.regionMatches(true, 0, "EHLO", 0, 4)) {
					int last = reply.lastIndexOf("250 ");
					reply = reply.substring(0, last) + "250-STARTTLS\r\n" + reply.substring(last);
				}
				write(toClient, reply);
			}
			SSLSocket secured = (SSLSocket) this.tls.getSocketFactory().createSocket(client, null, true);
			secured.setUseClientMode(false);
			secured.startHandshake();
			Thread back = new Thread(() -> copy(fromBackend, secured), "starttls-front-relay");
			back.setDaemon(true);
			back.start();
			copy(secured.getInputStream(), backend);
		}
		catch (IOException ex) {
			// the client went away
		}
	}

	private static void copy(InputStream in, Socket to) {
		try {
			in.transferTo(to.getOutputStream());
		}
		catch (IOException ex) {
			// one side closed
		}
		finally {
			try {
				to.close();
			}
			catch (IOException ex) {
				// closed
			}
		}
	}

	/** A whole SMTP reply: lines until one whose fourth character is a space. */
	private static String readReply(InputStream in) throws IOException {
		StringBuilder reply = new StringBuilder();
		String line;
		do {
			line = readLine(in);
			reply.append(line).append("\r\n");
		}
		while (line.length() > 3 && line.charAt(3) == '-');
		return reply.toString();
	}

	/** Reads byte by byte, so nothing meant for the TLS layer is consumed. */
	private static String readLine(InputStream in) throws IOException {
		ByteArrayOutputStream line = new ByteArrayOutputStream();
		int b;
		while ((b = in.read()) != '\n') {
			if (b < 0) {
				throw new IOException("closed");
			}
			if (b != '\r') {
				line.write(b);
			}
		}
		return line.toString(StandardCharsets.US_ASCII);
	}

	private static void write(OutputStream out, String text) throws IOException {
		out.write(text.getBytes(StandardCharsets.US_ASCII));
		out.flush();
	}

}
