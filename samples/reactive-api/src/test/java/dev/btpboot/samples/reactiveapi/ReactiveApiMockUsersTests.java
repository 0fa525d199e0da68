package dev.btpboot.samples.reactiveapi;

import java.time.Duration;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.btpboot.test.security.BtpSecurityAssertions;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/** The README's curl calls, run on Netty with the mock users of the profile dev (application-dev.yml). */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("dev")
class ReactiveApiMockUsersTests {

	@LocalServerPort
	int port;

	WebTestClient client;

	@BeforeEach
	void bindToServer() {
		// Generous: the first request in JWT mode fetches the keys, on a machine that may be busy.
		this.client = WebTestClient.bindToServer()
			.baseUrl("http://127.0.0.1:" + this.port)
			.responseTimeout(Duration.ofSeconds(30))
			.build();
	}

	@Test
	void anonymousIsUnauthorized() {
		this.client.get().uri("/api/reports").exchange().expectStatus().isUnauthorized().expectHeader()
			.value("WWW-Authenticate", (value) -> assertThat(value).startsWith("Basic realm=\"btp-spring-boot"))
			.expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
		this.client.get().uri("/hello").exchange().expectStatus().isUnauthorized();
	}

	@Test
	void viewerReadsReportsButNotSettings() {
		get("/api/reports", "viewer", "viewer-pass").expectStatus().isOk().expectBody()
			.json("[\"revenue-2026-q3\",\"headcount-2026-q3\"]");
		get("/api/admin/settings", "viewer", "viewer-pass").expectStatus().isForbidden();
		get("/hello", "viewer", "viewer-pass").expectBody(String.class).isEqualTo("Hello, viewer!");
	}

	@Test
	void adminReadsSettings() {
		get("/api/admin/settings", "admin", "admin-pass").expectStatus().isOk().expectBody()
			.json("{\"retentionDays\":30}");
		// the README's answer, field for field in this order
		get("/api/me", "admin", "admin-pass").expectStatus().isOk().expectBody(String.class)
			.isEqualTo("{\"name\":\"admin\",\"tenant\":\"tenant-1\",\"roles\":[\"Admin\",\"Viewer\"]}");
	}

	@Test
	void aWrongPasswordIsUnauthorized() {
		get("/api/reports", "viewer", "admin-pass").expectStatus().isUnauthorized();
	}

	@Test
	void probesAreOpenActuatorIsNot() {
		this.client.get().uri("/actuator/health/liveness").exchange().expectStatus().isOk();
		this.client.get().uri("/actuator/health").exchange().expectStatus().isUnauthorized();
	}

	@Test
	void stoppingTheApplicationNeedsAMockUser() {
		this.client.post().uri("/actuator/shutdown").exchange().expectStatus().isUnauthorized();
	}

	@Test
	void noEndpointIsOpenByAccident(@Autowired ApplicationContext context) {
		BtpSecurityAssertions.assertNoOpenEndpoints(context);
	}

	private WebTestClient.ResponseSpec get(String path, String user, String password) {
		return this.client.get().uri(path).headers((headers) -> headers.setBasicAuth(user, password)).exchange();
	}

}
