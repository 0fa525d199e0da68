package dev.btpboot.destination.mail;

import java.util.Map;

import dev.btpboot.destination.MailDestination;
import jakarta.mail.MessagingException;
import jakarta.mail.Transport;

import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * A {@code JavaMailSenderImpl} whose host, port, protocol, user, password and properties come from
 * a MAIL destination, applied again before a connection whenever the destination service hands
 * out another version of it (a change after the cache's TTL, or another tenant's destination).
 */
final class DestinationMailSender extends JavaMailSenderImpl {

	private final DestinationMailSettings settings;

	/** The destination the current settings come from. */
	private MailDestination applied;

	DestinationMailSender(DestinationMailSettings settings) {
		this.settings = settings;
	}

	@Override
	protected synchronized Transport connectTransport() throws MessagingException {
		MailDestination destination = this.settings.destination();
		if (destination != this.applied) {
			setProtocol(destination.protocol());
			setHost(destination.host());
			setPort((destination.port() != null) ? destination.port() : DEFAULT_PORT);
			setUsername(destination.user());
			setPassword(destination.password());
			setJavaMailProperties(this.settings.properties(destination, Map.of()));
			this.applied = destination;
		}
		return super.connectTransport();
	}

}
