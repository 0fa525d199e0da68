package dev.btpboot.samples.reactiveapi;

import org.junit.jupiter.api.Test;

import dev.btpboot.test.security.WithMockBtpUser;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webflux.test.autoconfigure.WebFluxTest;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * A {@code @WebFluxTest} of one controller as a user writes it for this application: the slice
 * has the starter's chain and method security, and the mock users of the profile dev (application-dev.yml).
 */
@WebFluxTest(ReportsController.class)
@ActiveProfiles("dev")
class ReportsControllerTests {

	@Autowired
	WebTestClient client;

	@Test
	@WithMockBtpUser("viewer")
	void viewerReadsReports() {
		this.client.get().uri("/api/reports").exchange().expectStatus().isOk().expectBody()
			.json("[\"revenue-2026-q3\", \"headcount-2026-q3\"]");
	}

	@Test
	@WithMockBtpUser("viewer")
	void viewerCannotReadSettings() {
		this.client.get().uri("/api/admin/settings").exchange().expectStatus().isForbidden();
	}

	@Test
	@WithMockBtpUser("admin")
	void adminReadsSettingsAndSeesItsTenant() {
		this.client.get().uri("/api/admin/settings").exchange().expectStatus().isOk();
		this.client.get().uri("/api/me").exchange().expectBody().jsonPath("$.tenant").isEqualTo("tenant-1");
	}

	@Test
	@WithMockUser(authorities = "Viewer")
	void springsMockUserWorksToo() {
		this.client.get().uri("/api/reports").exchange().expectStatus().isOk();
	}

	@Test
	void anonymousRequestsAreRefused() {
		this.client.get().uri("/api/reports").exchange().expectStatus().isUnauthorized();
	}

}
