package dev.btpboot.samples.onpremisemail;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;

import com.icegreen.greenmail.util.GreenMail;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample in its {@code local} profile as {@code spring-boot:run} starts it: no binding, no
 * destination service, no proxy; mail and LDAP for the virtual hosts go over local routes to the
 * GreenMail and directory the profile starts.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
@ActiveProfiles("local")
class LocalProfileTests {

	@Autowired
	OnPremiseMailbox mailbox;

	@Autowired
	OnPremiseDirectory people;

	@Autowired
	GreenMail localMailServer;

	/**
	 * Free ports instead of the profile's fixed ones: other builds may run on this machine. Chosen
	 * once: the supplier is asked on every look-up, and the route must name the server's port.
	 */
	@DynamicPropertySource
	static void ports(DynamicPropertyRegistry registry) {
		int smtp = freePort();
		int imap = freePort();
		int ldap = freePort();
		registry.add("sample.local.smtp-port", () -> smtp);
		registry.add("sample.local.imap-port", () -> imap);
		registry.add("sample.local.ldap-port", () -> ldap);
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	@Test
	void sendsReadsAndLooksUpLocallyWithNoBindingAtAll() throws Exception {
		String address = this.people.mailOf("alice").get(0);
		assertThat(address).isEqualTo("user@mail.virtual");
		this.mailbox.send("app@example.com", address, "Sent locally", "Hello.");
		assertThat(this.localMailServer.waitForIncomingEmail(5000, 1)).isTrue();
		assertThat(this.mailbox.subjects()).containsExactly("Sent locally");
	}

}
