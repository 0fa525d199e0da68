package dev.btpboot.destination;

import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * A destination of {@code Type} {@code MAIL}: Jakarta Mail settings ({@code mail.*}). IMAP
 * settings are stored as {@code mail.imap4.*}; {@link #javaMailProperties()} hands them to Jakarta
 * Mail as {@code mail.imap.*}.
 */
public final class MailDestination extends Destination {

	MailDestination(Map<String, String> properties, List<AuthToken> authTokens,
			List<DestinationCertificate> certificates, DestinationLevel level) {
		super(properties, authTokens, certificates, level, "");
	}

	@Override
	public String type() {
		return "MAIL";
	}

	/** @return {@code mail.transport.protocol}; {@code smtp} when none is set */
	public String protocol() {
		String protocol = first("mail.transport.protocol");
		return (protocol != null) ? protocol : "smtp";
	}

	/** @return {@code mail.<protocol>.host}, else {@code mail.smtp.host}, or {@code null} */
	public String host() {
		return first("mail." + protocol() + ".host", "mail.smtp.host");
	}

	/**
	 * @return {@code mail.<protocol>.port}, else {@code mail.smtp.port}, or {@code null} for the
	 * protocol's default port
	 * @throws IllegalArgumentException when it is not a port number
	 */
	public Integer port() {
		String port = first("mail." + protocol() + ".port", "mail.smtp.port");
		if (port == null) {
			return null;
		}
		try {
			int value = Integer.parseInt(port);
			if (value > 0 && value < 65536) {
				return value;
			}
		}
		catch (NumberFormatException ex) {
			// reported below
		}
		throw new IllegalArgumentException("property 'mail." + protocol() + ".port' is not a port number");
	}

	/** @return {@code mail.user}, or {@code null} */
	public String user() {
		return first("mail.user");
	}

	/** @return {@code mail.password}, or {@code null} */
	public String password() {
		return first("mail.password");
	}

	/**
	 * @return every {@code mail.*} setting except {@code mail.password}, with {@code mail.imap4.*}
	 * as {@code mail.imap.*} and {@code mail.imap4s.*} as {@code mail.imaps.*}
	 */
	public Properties javaMailProperties() {
		Properties mail = new Properties();
		properties().forEach((key, value) -> {
			if (key.startsWith("mail.") && !key.equals("mail.password")) {
				mail.setProperty(jakartaMailKey(key), value.trim());
			}
		});
		return mail;
	}

	private static String jakartaMailKey(String key) {
		if (key.startsWith("mail.imap4s.")) {
			return "mail.imaps." + key.substring("mail.imap4s.".length());
		}
		if (key.startsWith("mail.imap4.")) {
			return "mail.imap." + key.substring("mail.imap4.".length());
		}
		return key;
	}

}
