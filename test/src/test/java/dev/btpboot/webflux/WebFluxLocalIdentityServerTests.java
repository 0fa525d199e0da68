package dev.btpboot.webflux;

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

/**
 * A WebFlux application bound to the local identity server runs in the starter's reactive JWT mode
 * over Netty and accepts the server's tokens, with validation as strict as in the cloud.
 */
@WithLocalIdentityServer(identity = true)
@SpringBootTest(properties = ReactiveTestApplication.REACTIVE,
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class WebFluxLocalIdentityServerTests {

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
	void xsuaaTokensOfTheBuilderAreAccepted(LocalIdentityServer server) {
		String token = server.xsuaaToken().user("ann").tenant("t-1").scopes("Viewer").build();
		get("/me", token).expectStatus().isOk().expectBody(String.class).isEqualTo("ann|t-1|[Viewer]|{}");
		get("/viewer", token).expectStatus().isOk();
		get("/viewer", server.xsuaaToken().scopes("Other").build()).expectStatus().isForbidden();
	}

	@Test
	void iasTokensOfTheBuilderAreAccepted(LocalIdentityServer server) {
		String token = server.iasToken().user("ann@example.com").groups("Viewer").tenant("t-2").build();
		get("/me", token).expectStatus().isOk().expectBody(String.class).isEqualTo("ann@example.com|t-2|[Viewer]|{}");
		get("/viewer", token).expectStatus().isOk();
	}

	@Test
	void validationIsNotWeakened(LocalIdentityServer server) {
		get("/me", server.xsuaaToken().expiresIn(Duration.ofMinutes(-5)).build()).expectStatus().isUnauthorized();
		get("/me", server.xsuaaToken().audience("other-app").rawScopes("other!t9.Viewer").build()).expectStatus()
			.isUnauthorized();
		get("/me", server.iasToken().audience("other-client").build()).expectStatus().isUnauthorized();
		get("/me", null).expectStatus().isUnauthorized();
	}

	@Test
	void noEndpointIsOpenByAccident(@Autowired ApplicationContext context) {
		BtpSecurityAssertions.assertNoOpenEndpoints(context);
	}

	private WebTestClient.ResponseSpec get(String path, String token) {
		return this.client.get().uri(path).headers((headers) -> {
			if (token != null) {
				headers.setBearerAuth(token);
			}
		}).exchange();
	}

}
