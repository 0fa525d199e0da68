package dev.btpboot.samples.onpremisemail;

import java.util.ArrayList;
import java.util.List;

import dev.btpboot.connectivity.mail.ConnectivityMailSessions;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;

import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Service;

/**
 * Sends mail with Spring Boot's {@code JavaMailSender} and reads the inbox with a session of
 * {@link ConnectivityMailSessions}; both reach the on-premise mail server through the proxy.
 */
@Service
public class OnPremiseMailbox {

	private final JavaMailSender sender;

	/** A mail session is safe to share; one serves every read of the inbox. */
	private final Session session;

	private final InboxProperties inbox;

	OnPremiseMailbox(JavaMailSender sender, ConnectivityMailSessions sessions, InboxProperties inbox) {
		this.sender = sender;
		this.session = sessions.session();
		this.inbox = inbox;
	}

	/**
	 * @param from the sender address
	 * @param to the recipient address
	 * @param subject the subject
	 * @param text the body
	 */
	public void send(String from, String to, String subject, String text) {
		SimpleMailMessage message = new SimpleMailMessage();
		message.setFrom(from);
		message.setTo(to);
		message.setSubject(subject);
		message.setText(text);
		this.sender.send(message);
	}

	/**
	 * @return the subjects of the messages in the inbox
	 * @throws MessagingException when the mail server cannot be reached or refuses the login
	 */
	public List<String> subjects() throws MessagingException {
		try (Store store = this.session.getStore(this.inbox.protocol())) {
			store.connect(this.inbox.host(), this.inbox.port(), this.inbox.username(), this.inbox.password());
			Folder folder = store.getFolder("INBOX");
			folder.open(Folder.READ_ONLY);
			try {
				List<String> subjects = new ArrayList<>();
				for (Message message : folder.getMessages()) {
					subjects.add(message.getSubject());
				}
				return subjects;
			}
			finally {
				folder.close(false);
			}
		}
	}

}
