package dev.btpboot.webflux;

import org.junit.jupiter.api.Test;

import dev.btpboot.test.security.WithMockBtpUser;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webflux.test.autoconfigure.WebFluxTest;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code @WebFluxTest} slice includes the starter's reactive chain and method security, so
 * {@code @WithMockUser} and {@code @WithMockBtpUser} meet the same rules as in the application.
 */
@WebFluxTest(controllers = ReactiveTestApplication.ReactiveController.class,
		properties = { "btp.security.mock.users.viewer.roles=Viewer", "btp.security.mock.users.viewer.tenant=tenant-v" })
class WebFluxSliceTests {

	@Autowired
	WebTestClient client;

	@Test
	@WithMockUser(authorities = "Viewer")
	void withMockUserIsAuthorized() {
		this.client.get().uri("/viewer").exchange().expectStatus().isOk();
	}

	@Test
	@WithMockUser(authorities = "Other")
	void missingAuthorityIsForbidden() {
		this.client.get().uri("/viewer").exchange().expectStatus().isForbidden();
	}

	@Test
	@WithMockBtpUser("viewer")
	void mockBtpUserComesFromTheConfiguration() {
		this.client.get().uri("/me").exchange().expectStatus().isOk().expectBody(String.class)
			.isEqualTo("viewer|tenant-v|[Viewer]|{}");
	}

	@Test
	void anonymousGetsTheStartersBasicChallenge() {
		this.client.get().uri("/viewer").exchange().expectStatus().isUnauthorized().expectHeader()
			.value("WWW-Authenticate", (value) -> assertThat(value).startsWith("Basic realm=\"btp-spring-boot"));
	}

}
