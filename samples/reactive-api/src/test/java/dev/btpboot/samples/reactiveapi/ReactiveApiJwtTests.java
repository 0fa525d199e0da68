package dev.btpboot.samples.reactiveapi;

import java.time.Duration;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.btpboot.test.identity.LocalIdentityServer;
import dev.btpboot.test.identity.WithLocalIdentityServer;
import dev.btpboot.test.security.BtpSecurityAssertions;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Bound to XSUAA (a local identity server), the sample takes JWTs and ignores its mock users. */
@WithLocalIdentityServer
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ReactiveApiJwtTests {

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
	void scopesDecideAccess(LocalIdentityServer server) {
		String viewer = server.xsuaaToken().user("vera").scopes("Viewer").build();
		String admin = server.xsuaaToken().user("adam").scopes("Viewer", "Admin").build();
		get("/api/reports", viewer).expectStatus().isOk();
		get("/api/admin/settings", viewer).expectStatus().isForbidden();
		get("/api/admin/settings", admin).expectStatus().isOk();
		get("/hello", viewer).expectBody(String.class).isEqualTo("Hello, vera!");
	}

	@Test
	void mockUsersDoNotWorkInJwtMode() {
		this.client.get().uri("/api/reports").headers((headers) -> headers.setBasicAuth("viewer", "viewer-pass"))
			.exchange().expectStatus().isUnauthorized();
	}

	@Test
	void noEndpointIsOpenByAccident(@Autowired ApplicationContext context) {
		BtpSecurityAssertions.assertNoOpenEndpoints(context);
	}

	private WebTestClient.ResponseSpec get(String path, String token) {
		return this.client.get().uri(path).headers((headers) -> headers.setBearerAuth(token)).exchange();
	}

}
