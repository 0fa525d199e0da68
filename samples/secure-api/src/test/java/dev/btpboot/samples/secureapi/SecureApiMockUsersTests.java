package dev.btpboot.samples.secureapi;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.junit.jupiter.api.Test;

import dev.btpboot.test.security.BtpSecurityAssertions;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.TestRestTemplate;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureTestRestTemplate;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;

/** The README's curl calls, run locally with the mock users of the profile dev (application-dev.yml). */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureTestRestTemplate
@ActiveProfiles("dev")
class SecureApiMockUsersTests {

	@Autowired
	TestRestTemplate rest;

	@Test
	void anonymousIsUnauthorized() {
		assertThat(get("/api/reports", null).getStatusCode().value()).isEqualTo(401);
		assertThat(get("/hello", null).getStatusCode().value()).isEqualTo(401);
	}

	@Test
	void viewerReadsReportsButNotSettings() {
		assertThat(get("/api/reports", basic("viewer", "viewer-pass")).getStatusCode().value()).isEqualTo(200);
		assertThat(get("/api/admin/settings", basic("viewer", "viewer-pass")).getStatusCode().value())
			.isEqualTo(403);
		assertThat(get("/hello", basic("viewer", "viewer-pass")).getBody()).isEqualTo("Hello, viewer!");
	}

	@Test
	void adminReadsSettings() {
		assertThat(get("/api/admin/settings", basic("admin", "admin-pass")).getBody())
			.isEqualTo("{\"retentionDays\":30}");
		// the README's answer, field for field in this order
		assertThat(get("/api/me", basic("admin", "admin-pass")).getBody())
			.isEqualTo("{\"name\":\"admin\",\"tenant\":\"tenant-1\",\"roles\":[\"Admin\",\"Viewer\"]}");
	}

	@Test
	void probesAreOpenActuatorIsNot() {
		assertThat(get("/actuator/health/liveness", null).getStatusCode().value()).isEqualTo(200);
		assertThat(get("/actuator/health", null).getStatusCode().value()).isEqualTo(401);
	}

	@Test
	void stoppingTheApplicationNeedsAMockUser() {
		assertThat(this.rest.postForEntity("/actuator/shutdown", null, String.class).getStatusCode().value())
			.isEqualTo(401);
	}

	@Test
	void noEndpointIsOpenByAccident(@Autowired ApplicationContext context) {
		BtpSecurityAssertions.assertNoOpenEndpoints(context);
	}

	private static String basic(String user, String password) {
		return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
	}

	private ResponseEntity<String> get(String path, String authorization) {
		HttpHeaders headers = new HttpHeaders();
		if (authorization != null) {
			headers.set(HttpHeaders.AUTHORIZATION, authorization);
		}
		return this.rest.exchange(path, HttpMethod.GET, new HttpEntity<>(headers), String.class);
	}

}
