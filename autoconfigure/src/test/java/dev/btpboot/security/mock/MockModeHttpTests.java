package dev.btpboot.security.mock;

import java.net.http.HttpResponse;

import dev.btpboot.security.SecurityTestApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

import static dev.btpboot.security.HttpClients.basic;
import static dev.btpboot.security.HttpClients.get;
import static org.assertj.core.api.Assertions.assertThat;

/** Mock mode through embedded Tomcat: HTTP Basic, roles, public paths, probes, a user's own chain. */
@SpringBootTest(classes = SecurityTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "btp.security.mock.users.viewer.password=viewer-pass",
				"btp.security.mock.users.viewer.roles=Viewer", "btp.security.mock.users.viewer.tenant=t1",
				"btp.security.public-paths=/public/**", "management.endpoint.health.probes.enabled=true",
				"management.endpoints.web.exposure.include=health,info" })
@ExtendWith(OutputCaptureExtension.class)
class MockModeHttpTests {

	@LocalServerPort
	int port;

	@Test
	void anonymousRequestIsAskedForBasicCredentials() {
		HttpResponse<String> response = get(this.port, "/me");
		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(response.headers().firstValue("WWW-Authenticate")).get()
			.asString()
			.startsWith("Basic realm=\"" + MockUsers.REALM + "\"");
		assertNoStackTrace(response);
	}

	@Test
	void mockUserIsTheBtpUserPrincipal() {
		HttpResponse<String> response = get(this.port, "/me", "Authorization", basic("viewer", "viewer-pass"));
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).isEqualTo("viewer|t1|[Viewer]");
	}

	@Test
	void wrongPasswordIsUnauthorized() {
		assertThat(get(this.port, "/me", "Authorization", basic("viewer", "wrong")).statusCode()).isEqualTo(401);
		assertThat(get(this.port, "/me", "Authorization", basic("nobody", "")).statusCode()).isEqualTo(401);
	}

	@Test
	void rolesAreAuthorities() {
		assertThat(get(this.port, "/viewer", "Authorization", basic("viewer", "viewer-pass")).statusCode())
			.isEqualTo(200);
		HttpResponse<String> forbidden = get(this.port, "/viewer", "Authorization", basic("authenticated", ""));
		assertThat(forbidden.statusCode()).isEqualTo(403);
		assertNoStackTrace(forbidden);
		assertThat(get(this.port, "/me", "Authorization", basic("system", "")).body())
			.isEqualTo("system|null|[system-user]");
	}

	@Test
	void publicPathsAndProbesAreOpenButActuatorIsNot() {
		assertThat(get(this.port, "/public/ping").statusCode()).isEqualTo(200);
		assertThat(get(this.port, "/actuator/health/liveness").statusCode()).isEqualTo(200);
		assertThat(get(this.port, "/actuator/health/readiness").statusCode()).isEqualTo(200);
		assertThat(get(this.port, "/actuator/health").statusCode()).isEqualTo(401);
		assertThat(get(this.port, "/actuator/info").statusCode()).isEqualTo(401);
		assertThat(get(this.port, "/.well-known/oauth-protected-resource").statusCode()).isEqualTo(401);
	}

	@Test
	void userChainAtOrderOneKeepsItsPaths() {
		assertThat(get(this.port, "/custom/open").statusCode()).isEqualTo(200);
		assertThat(get(this.port, "/viewer").statusCode()).isEqualTo(401);
	}

	@Test
	void noGeneratedPasswordAndNoMockPasswordInOutput(CapturedOutput output) {
		get(this.port, "/me", "Authorization", basic("viewer", "viewer-pass"));
		assertThat(output).doesNotContain("generated security password", "viewer-pass");
	}

	static void assertNoStackTrace(HttpResponse<String> response) {
		assertThat(response.body()).doesNotContain("Exception", "\tat ", "trace");
	}

}
