package dev.btpboot.security.mock;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.btpboot.security.SecurityTestApplication;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import static dev.btpboot.security.HttpClients.basic;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Mock users answer only loopback clients, judged by the client's socket address (MockMvc's
 * {@code remoteAddr}); with {@code btp.security.mock.remote-clients=true} users with a password
 * answer any client, those without one still only loopback clients. A plain container or VM
 * without a production profile must not let anyone who reaches the port log in as {@code system},
 * nor as a user whose password sits in the application's configuration.
 */
@SpringBootTest(classes = SecurityTestApplication.class,
		properties = { "btp.security.mock.users.viewer.password=viewer-pass",
				"btp.security.mock.users.viewer.roles=Viewer", "btp.security.mock.users.dev.roles=Viewer" })
@AutoConfigureMockMvc
@ExtendWith(OutputCaptureExtension.class)
class PasswordlessMockUsersTests {

	@Autowired
	MockMvc mvc;

	@Test
	void passwordlessMockUsersAreRefusedFromARemoteAddress() throws Exception {
		this.mvc.perform(from("10.1.2.3", "/me").header("Authorization", basic("system", "")))
			.andExpect(status().isUnauthorized());
		this.mvc.perform(from("10.1.2.3", "/me").header("Authorization", basic("authenticated", "")))
			.andExpect(status().isUnauthorized());
		this.mvc.perform(from("2001:db8::7", "/me").header("Authorization", basic("system", "")))
			.andExpect(status().isUnauthorized());
	}

	@Test
	void configuredUsersWithoutAPasswordAreRefusedFromARemoteAddress() throws Exception {
		this.mvc.perform(from("10.1.2.3", "/me").header("Authorization", basic("dev", "")))
			.andExpect(status().isUnauthorized());
		this.mvc.perform(from("127.0.0.1", "/me").header("Authorization", basic("dev", "")))
			.andExpect(status().isOk())
			.andExpect(content().string("dev|null|[Viewer]"));
	}

	@Test
	void passwordlessMockUsersAnswerLoopbackClients() throws Exception {
		for (String loopback : new String[] { "127.0.0.1", "127.45.6.7", "::1", "0:0:0:0:0:0:0:1" }) {
			this.mvc.perform(from(loopback, "/me").header("Authorization", basic("system", "")))
				.andExpect(status().isOk())
				.andExpect(content().string("system|null|[system-user]"));
		}
	}

	@Test
	void mockUsersWithAPasswordAnswerOnlyLoopbackClientsByDefault() throws Exception {
		for (String remote : new String[] { "10.1.2.3", "2001:db8::7", "192.168.0.10" }) {
			this.mvc.perform(from(remote, "/me").header("Authorization", basic("viewer", "viewer-pass")))
				.andExpect(status().isUnauthorized());
		}
		this.mvc.perform(from("127.0.0.1", "/me").header("Authorization", basic("viewer", "viewer-pass")))
			.andExpect(status().isOk())
			.andExpect(content().string("viewer|null|[Viewer]"));
	}

	@Test
	void forwardedHeadersWithoutForwardedHeaderProcessingChangeNothing() throws Exception {
		this.mvc
			.perform(from("10.1.2.3", "/me").header("Authorization", basic("system", ""))
				.header("X-Forwarded-For", "127.0.0.1")
				.header("Forwarded", "for=127.0.0.1"))
			.andExpect(status().isUnauthorized());
	}

	@Test
	void theBannerSaysThatMockUsersAnswerLoopbackClientsOnly(CapturedOutput output) {
		assertThat(output).contains("They answer only clients on the loopback address (by socket, not by forwarded "
				+ "headers)", "system roles=[system-user] (no password: loopback clients only)",
				"authenticated roles=[] (no password: loopback clients only)",
				"dev roles=[Viewer] (no password: loopback clients only)");
		assertThat(output).containsPattern("viewer roles=\\[Viewer\\]\\R").doesNotContain("remote-clients=true");
	}

	/** A local container run with a published port: the operator lets users with a password answer. */
	@Nested
	@SpringBootTest(classes = SecurityTestApplication.class,
			properties = { "btp.security.mock.remote-clients=true", "btp.security.mock.users.viewer.password=viewer-pass",
					"btp.security.mock.users.viewer.roles=Viewer", "btp.security.mock.users.dev.roles=Viewer" })
	@AutoConfigureMockMvc
	class RemoteClients {

		@Autowired
		MockMvc mvc;

		@Test
		void mockUsersWithAPasswordAnswerAnyAddressAndThoseWithoutOnlyLoopbackClients() throws Exception {
			this.mvc.perform(from("10.1.2.3", "/me").header("Authorization", basic("viewer", "viewer-pass")))
				.andExpect(status().isOk())
				.andExpect(content().string("viewer|null|[Viewer]"));
			this.mvc.perform(from("10.1.2.3", "/me").header("Authorization", basic("viewer", "wrong")))
				.andExpect(status().isUnauthorized());
			for (String user : new String[] { "system", "authenticated", "dev" }) {
				this.mvc.perform(from("10.1.2.3", "/me").header("Authorization", basic(user, "")))
					.andExpect(status().isUnauthorized());
			}
		}

		@Test
		void theBannerWarnsThatMockUsersAnswerOtherMachines(CapturedOutput output) {
			assertThat(output).containsPattern(" WARN .*btp.security.mock.remote-clients=true: mock users with a "
					+ "password answer clients on any address")
				.contains("Users without a password answer only clients on the loopback address")
				.doesNotContain("viewer-pass");
		}

	}

	static MockHttpServletRequestBuilder from(String remoteAddress, String path) {
		return get(path).with((request) -> {
			request.setRemoteAddr(remoteAddress);
			return request;
		});
	}

	/** Spring's ForwardedHeaderFilter rewrites the remote address; the socket's still decides. */
	@Nested
	@SpringBootTest(classes = SecurityTestApplication.class,
			properties = { "server.forward-headers-strategy=framework", "btp.security.mock.remote-clients=true",
					"btp.security.mock.users.viewer.password=viewer-pass" })
	@AutoConfigureMockMvc
	class FrameworkForwardedHeaders {

		@Autowired
		MockMvc mvc;

		@Test
		void aForgedForwardedHeaderDoesNotMakeARemoteClientLocal() throws Exception {
			this.mvc
				.perform(from("10.1.2.3", "/client").header("Authorization", basic("viewer", "viewer-pass"))
					.header("X-Forwarded-For", "127.0.0.1"))
				.andExpect(content().string("127.0.0.1"));
			this.mvc
				.perform(from("10.1.2.3", "/me").header("Authorization", basic("system", ""))
					.header("X-Forwarded-For", "127.0.0.1"))
				.andExpect(status().isUnauthorized());
			this.mvc
				.perform(from("10.1.2.3", "/me").header("Authorization", basic("system", ""))
					.header("Forwarded", "for=127.0.0.1"))
				.andExpect(status().isUnauthorized());
		}

		@Test
		void aForwardedHeaderDoesNotMakeALoopbackClientRemote() throws Exception {
			this.mvc
				.perform(from("127.0.0.1", "/me").header("Authorization", basic("system", ""))
					.header("X-Forwarded-For", "10.1.2.3"))
				.andExpect(status().isOk());
		}

	}

	/**
	 * With the server's native forwarded-header processing and no Tomcat valve to record the
	 * socket (as in MockMvc), the socket address cannot be known: the client counts as remote.
	 */
	@Nested
	@SpringBootTest(classes = SecurityTestApplication.class, properties = "server.forward-headers-strategy=native")
	@AutoConfigureMockMvc
	class UnknownSocketAddress {

		@Autowired
		MockMvc mvc;

		@Test
		void passwordlessMockUsersAreRefusedWhenTheSocketAddressIsUnknown() throws Exception {
			this.mvc.perform(from("127.0.0.1", "/me").header("Authorization", basic("system", "")))
				.andExpect(status().isUnauthorized());
		}

	}

}
