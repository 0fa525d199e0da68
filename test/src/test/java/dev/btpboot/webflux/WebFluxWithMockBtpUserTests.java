package dev.btpboot.webflux;

import org.junit.jupiter.api.Test;

import dev.btpboot.test.security.WithMockBtpUser;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code @WithMockBtpUser} and Spring Security's {@code @WithMockUser} with the starter's reactive
 * chain, reactive method security and {@code WebTestClient} in a {@code @SpringBootTest}.
 */
@SpringBootTest(properties = { ReactiveTestApplication.REACTIVE,
		"btp.security.mock.users.viewer.roles=Viewer", "btp.security.mock.users.viewer.tenant=tenant-v",
		"btp.security.mock.users.viewer.attributes.region=eu,us" })
@AutoConfigureWebTestClient
class WebFluxWithMockBtpUserTests {

	@Autowired
	WebTestClient client;

	@Test
	@WithMockBtpUser("viewer")
	void mockBtpUserComesFromTheConfiguration() {
		this.client.get().uri("/me").exchange().expectStatus().isOk().expectBody(String.class)
			.isEqualTo("viewer|tenant-v|[Viewer]|{region=[eu, us]}");
		this.client.get().uri("/viewer").exchange().expectStatus().isOk();
	}

	@Test
	@WithMockBtpUser("system")
	void defaultUsersExistToo() {
		this.client.get().uri("/me").exchange().expectStatus().isOk().expectBody(String.class)
			.isEqualTo("system|null|[system-user]|{}");
		this.client.get().uri("/viewer").exchange().expectStatus().isForbidden();
	}

	@Test
	@WithMockUser(username = "alice", authorities = "Viewer")
	void withMockUserWorksWithTheChain() {
		this.client.get().uri("/viewer").exchange().expectStatus().isOk();
		this.client.get().uri("/me").exchange().expectBody(String.class).isEqualTo("alice|null|[Viewer]|{}");
	}

	@Test
	@WithMockUser
	void withMockUserWithoutAuthorityIsForbidden() {
		this.client.get().uri("/viewer").exchange().expectStatus().isForbidden();
	}

	@Test
	void withoutUserIsUnauthorized() {
		this.client.get().uri("/viewer").exchange().expectStatus().isUnauthorized()
			.expectHeader()
			.value("WWW-Authenticate", (value) -> assertThat(value).startsWith("Basic realm=\"btp-spring-boot"));
	}

}
