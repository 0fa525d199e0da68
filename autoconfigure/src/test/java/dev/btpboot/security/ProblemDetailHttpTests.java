package dev.btpboot.security;

import java.net.http.HttpResponse;
import java.util.List;

import dev.btpboot.security.jwt.JwtFixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static dev.btpboot.security.HttpClients.basic;
import static dev.btpboot.security.HttpClients.bearer;
import static dev.btpboot.security.HttpClients.get;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * 401 and 403 answer with an RFC 9457 problem body in both modes, through embedded Tomcat, with
 * the {@code WWW-Authenticate} challenge of the mode kept.
 */
class ProblemDetailHttpTests {

	static void assertProblem(HttpResponse<String> response, int status, String title) {
		assertThat(response.statusCode()).isEqualTo(status);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(response.body()).isEqualTo("{\"type\":\"about:blank\",\"title\":\"" + title + "\",\"status\":"
				+ status + ",\"detail\":\"" + ((status == 401) ? "Authentication is required to access this resource."
						: "The authenticated user is not allowed to access this resource.")
				+ "\"}");
	}

	@Nested
	@SpringBootTest(classes = SecurityTestApplication.class,
			webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
			properties = { "btp.security.mock.users.viewer.password=viewer-pass",
					"btp.security.mock.users.viewer.roles=Viewer" })
	class MockMode {

		@LocalServerPort
		int port;

		@Test
		void anAnonymousRequestGetsAProblemAndTheBasicChallenge() {
			HttpResponse<String> response = get(this.port, "/me");
			assertProblem(response, 401, "Unauthorized");
			assertThat(response.headers().firstValue("WWW-Authenticate")).get().asString().startsWith("Basic realm=");
		}

		@Test
		void aWrongPasswordGetsAProblem() {
			assertProblem(get(this.port, "/me", "Authorization", basic("viewer", "wrong")), 401, "Unauthorized");
		}

		@Test
		void aMissingRoleGetsAProblem() {
			assertProblem(get(this.port, "/viewer", "Authorization", basic("authenticated", "")), 403, "Forbidden");
		}

		@Test
		void aPermittedRequestKeepsItsOwnBody() {
			HttpResponse<String> response = get(this.port, "/me", "Authorization", basic("viewer", "viewer-pass"));
			assertThat(response.statusCode()).isEqualTo(200);
			assertThat(response.body()).startsWith("viewer|");
		}

	}

	@Nested
	@SpringBootTest(classes = SecurityTestApplication.class,
			webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
	class JwtMode {

		static final JwtFixture fixture = new JwtFixture().start();

		@LocalServerPort
		int port;

		@DynamicPropertySource
		static void bindings(DynamicPropertyRegistry registry) {
			registry.add("VCAP_SERVICES", () -> fixture.vcapServices(true, false));
		}

		@AfterAll
		static void stop() {
			fixture.server.stop();
		}

		@Test
		void anAnonymousRequestGetsAProblemAndTheBearerChallenge() {
			HttpResponse<String> response = get(this.port, "/me");
			assertProblem(response, 401, "Unauthorized");
			assertThat(response.headers().firstValue("WWW-Authenticate")).get().asString().startsWith("Bearer");
		}

		@Test
		void aBadTokenGetsAProblemAndTheBearerError() {
			HttpResponse<String> response = get(this.port, "/me", "Authorization", bearer("a.b.c"));
			assertProblem(response, 401, "Unauthorized");
			assertThat(response.headers().firstValue("WWW-Authenticate")).get()
				.asString()
				.startsWith("Bearer error=\"invalid_token\"");
		}

		@Test
		void aMissingScopeGetsAProblemAndTheInsufficientScopeError() {
			String token = JwtFixture.sign(fixture.xsuaaKey,
					fixture.xsuaaClaims().claim("scope", List.of(JwtFixture.XSAPPNAME + ".Other")).build());
			HttpResponse<String> response = get(this.port, "/viewer", "Authorization", bearer(token));
			assertProblem(response, 403, "Forbidden");
			assertThat(response.headers().firstValue("WWW-Authenticate")).get()
				.asString()
				.startsWith("Bearer error=\"insufficient_scope\"");
		}

	}

}
