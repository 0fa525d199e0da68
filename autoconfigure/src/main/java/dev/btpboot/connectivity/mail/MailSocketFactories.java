package dev.btpboot.connectivity.mail;

import java.util.List;
import java.util.Properties;

import javax.net.SocketFactory;
import javax.net.ssl.SSLSocketFactory;

import dev.btpboot.connectivity.socks.TunneledTlsSocketFactory;

/**
 * Sets the Jakarta Mail (Angus Mail) properties that make every mail protocol connect through the
 * connectivity proxy, TLS included.
 * <p>
 * Angus Mail connects a {@code mail.<p>.socketFactory} socket and, for STARTTLS, layers
 * {@code mail.<p>.ssl.socketFactory} (an {@code SSLSocketFactory}) over it: that works as is. For
 * implicit TLS it would connect an SSL socket factory's sockets directly, bypassing the proxy, so
 * there {@code mail.<p>.ssl.socketFactory} becomes a plain factory whose sockets are already
 * {@code SSLSocket}s that tunnel first ({@link TunneledTlsSocketFactory}), keeping the configured TLS
 * settings (for example those of {@code spring.mail.ssl.bundle}).
 */
final class MailSocketFactories {

	private static final List<String> PROTOCOLS = List.of("smtp", "smtps", "imap", "imaps", "pop3", "pop3s");

	private MailSocketFactories() {
	}

	/**
	 * @param properties Jakarta Mail properties, changed in place
	 * @param tunnel the connectivity socket factory
	 */
	static void apply(Properties properties, SocketFactory tunnel) {
		for (String protocol : PROTOCOLS) {
			String prefix = "mail." + protocol;
			properties.put(prefix + ".socketFactory", tunnel);
			// Never fall back to a direct socket: on-premise hosts are reachable through the proxy only.
			properties.setProperty(prefix + ".socketFactory.fallback", "false");
			properties.putIfAbsent(prefix + ".ssl.checkserveridentity", "true");
			boolean implicitTls = protocol.endsWith("s")
					|| "true".equalsIgnoreCase(properties.getProperty(prefix + ".ssl.enable"));
			Object configured = properties.get(prefix + ".ssl.socketFactory");
			if (implicitTls && !(configured instanceof TunneledTlsSocketFactory)) {
				SSLSocketFactory tls = (configured instanceof SSLSocketFactory factory) ? factory
						: (SSLSocketFactory) SSLSocketFactory.getDefault();
				properties.put(prefix + ".ssl.socketFactory", new TunneledTlsSocketFactory(tunnel, tls));
			}
		}
	}

}
