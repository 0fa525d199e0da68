package dev.btpboot.security.mock;

import java.net.http.HttpResponse;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import dev.btpboot.security.SecurityTestApplication;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static dev.btpboot.security.HttpClients.basic;
import static dev.btpboot.security.HttpClients.get;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Through embedded Tomcat with forwarded-header processing on, both ways Spring Boot offers: the
 * client connects from the loopback address and claims to be 10.1.2.3. The application sees
 * 10.1.2.3 as its remote address, yet the mock users judge by the TCP peer, which Tomcat's
 * RemoteIpValve (native) and Spring's ForwardedHeaderFilter (framework) cannot change.
 */
class MockUsersForwardedHeadersHttpTests {

	static final String FORGED = "10.1.2.3";

	static void assertJudgedBySocket(int port) {
		HttpResponse<String> client = get(port, "/client", "Authorization", basic("viewer", "viewer-pass"),
				"X-Forwarded-For", FORGED);
		assertThat(client.body()).as("forwarded-header processing is active").isEqualTo(FORGED);
		HttpResponse<String> system = get(port, "/me", "Authorization", basic("system", ""), "X-Forwarded-For",
				FORGED);
		assertThat(system.statusCode()).isEqualTo(200);
		assertThat(system.body()).isEqualTo("system|null|[system-user]");
		assertThat(get(port, "/me", "Authorization", basic("system", ""), "Forwarded", "for=" + FORGED).statusCode())
			.isEqualTo(200);
	}

	@Nested
	@SpringBootTest(classes = SecurityTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
			properties = { "server.address=127.0.0.1", "server.forward-headers-strategy=native",
					"btp.security.mock.users.viewer.password=viewer-pass" })
	class NativeStrategy {

		@LocalServerPort
		int port;

		@Test
		void passwordlessMockUsersAreJudgedByTheSocketNotByTomcatsRemoteIpValve() {
			assertJudgedBySocket(this.port);
		}

	}

	@Nested
	@SpringBootTest(classes = SecurityTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
			properties = { "server.address=127.0.0.1", "server.forward-headers-strategy=framework",
					"btp.security.mock.users.viewer.password=viewer-pass" })
	class FrameworkStrategy {

		@LocalServerPort
		int port;

		@Test
		void passwordlessMockUsersAreJudgedByTheSocketNotBySpringsForwardedHeaderFilter() {
			assertJudgedBySocket(this.port);
		}

	}

}
