package dev.btpboot.connectivity.mail;

import java.util.Properties;

import javax.net.SocketFactory;

import jakarta.mail.Session;

/**
 * Jakarta Mail sessions whose stores and transports connect through the connectivity proxy: IMAP,
 * POP3 and SMTP, plain, STARTTLS ({@code mail.<protocol>.starttls.enable}) and implicit TLS
 * ({@code imaps}, {@code pop3s}, {@code smtps}). TLS runs end to end inside the tunnel and checks
 * the virtual host name.
 * <pre>{@code
 * Properties properties = new Properties();
 * properties.put("mail.imaps.ssl.socketFactory", sslContext.getSocketFactory()); // optional: own trust
 * try (Store store = mailSessions.session(properties).getStore("imaps")) {
 *     store.connect("mail.virtual", 993, user, password);
 *     ...
 * }
 * }</pre>
 */
public class ConnectivityMailSessions {

	private final SocketFactory tunnel;

	/**
	 * @param tunnel the connectivity socket factory
	 */
	public ConnectivityMailSessions(SocketFactory tunnel) {
		this.tunnel = tunnel;
	}

	/** For subclasses that choose the socket factory per session, overriding {@link #session(Properties)}. */
	protected ConnectivityMailSessions() {
		this(null);
	}

	/** @return a session with default settings that connects through the proxy */
	public Session session() {
		return session(new Properties());
	}

	/**
	 * @param properties Jakarta Mail properties (copied, not changed); an {@code SSLSocketFactory}
	 *        in {@code mail.<protocol>.ssl.socketFactory} sets the TLS trust and is kept
	 * @return a session that connects through the proxy
	 */
	public Session session(Properties properties) {
		Properties copy = new Properties();
		copy.putAll(properties);
		MailSocketFactories.apply(copy, this.tunnel);
		return Session.getInstance(copy);
	}

}
