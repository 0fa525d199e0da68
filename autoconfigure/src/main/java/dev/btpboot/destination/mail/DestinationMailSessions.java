package dev.btpboot.destination.mail;

import java.util.Properties;

import dev.btpboot.connectivity.mail.ConnectivityMailSessions;
import dev.btpboot.destination.MailDestination;
import jakarta.mail.Authenticator;
import jakarta.mail.PasswordAuthentication;
import jakarta.mail.Session;

/**
 * {@link ConnectivityMailSessions} for the MAIL destination named by
 * {@code btp.connectivity.mail.destination}: each session has the destination's settings (IMAP as
 * {@code mail.imap.*}) and its user and password, so {@code store.connect()} needs no arguments;
 * {@code OnPremise} destinations connect through the SOCKS5 proxy, others directly.
 */
final class DestinationMailSessions extends ConnectivityMailSessions {

	private final DestinationMailSettings settings;

	DestinationMailSessions(DestinationMailSettings settings) {
		this.settings = settings;
	}

	@Override
	public Session session(Properties properties) {
		MailDestination destination = this.settings.destination();
		Properties merged = this.settings.properties(destination, properties);
		String user = destination.user();
		String password = destination.password();
		return Session.getInstance(merged, (user != null && password != null) ? new Authenticator() {
			@Override
			protected PasswordAuthentication getPasswordAuthentication() {
				return new PasswordAuthentication(user, password);
			}
		} : null);
	}

}
