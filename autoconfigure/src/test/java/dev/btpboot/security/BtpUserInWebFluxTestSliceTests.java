package dev.btpboot.security;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webflux.test.autoconfigure.WebFluxTest;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * A {@code @WebFluxTest} slice resolves {@code @AuthenticationPrincipal BtpUser} as the application
 * does.
 */
@WebFluxTest
@ContextConfiguration(classes = BtpUserInWebFluxTests.MeController.class)
class BtpUserInWebFluxTestSliceTests {

	@Autowired
	WebTestClient client;

	@Test
	@WithMockUser(username = "alice", authorities = "Viewer")
	void withMockUserIsABtpUserInAWebFluxTest() {
		this.client.get().uri("/me").exchange().expectStatus().isOk().expectBody(String.class)
			.isEqualTo("alice|null|[Viewer]");
	}

}
