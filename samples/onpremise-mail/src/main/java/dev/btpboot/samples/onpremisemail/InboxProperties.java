package dev.btpboot.samples.onpremisemail;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The mailbox the sample reads.
 *
 * @param protocol {@code imap}, {@code imaps}, {@code pop3} or {@code pop3s}
 * @param host the virtual host of the mail server's Cloud Connector mapping
 * @param port the virtual port
 * @param username the mailbox user
 * @param password the mailbox password
 */
@ConfigurationProperties("sample.inbox")
public record InboxProperties(String protocol, String host, int port, String username, String password) {

	/** Never shows the password. */
	@Override
	public String toString() {
		return "InboxProperties[protocol=" + this.protocol + ", host=" + this.host + ", port=" + this.port
				+ ", username=" + this.username + ", password=****]";
	}

}
