package dev.btpboot.samples.onpremisemail;

import java.util.ArrayList;
import java.util.List;

import dev.btpboot.connectivity.mail.ConnectivityMailSessions;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Store;

import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Service;

/**
 * Sends mail with Spring Boot's {@code JavaMailSender} and reads the inbox with a session of
 * {@link ConnectivityMailSessions}; both take server, user and password from the MAIL destination
 * of {@code btp.connectivity.mail.destination} and reach it through the proxy when it is on premise.
 */
@Service
public class OnPremiseMailbox {

	private final JavaMailSender sender;

	private final ConnectivityMailSessions sessions;

	OnPremiseMailbox(JavaMailSender sender, ConnectivityMailSessions sessions) {
		this.sender = sender;
		this.sessions = sessions;
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
		// A session per read: it has the destination as currently cached (mail.store.protocol,
		// mail.imap4.* as mail.imap.*, mail.user and mail.password), so connect() needs no arguments.
		try (Store store = this.sessions.session().getStore()) {
			store.connect();
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
