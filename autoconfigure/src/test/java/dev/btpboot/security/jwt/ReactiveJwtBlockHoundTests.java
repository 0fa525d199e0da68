package dev.btpboot.security.jwt;

import java.time.Duration;

import dev.btpboot.security.reactive.ReactiveTestApplication;
import dev.btpboot.testing.BlockHoundWatch;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

/**
 * With BlockHound watching Reactor Netty's event-loop threads, bearer tokens whose keys are not
 * cached yet are verified: the key fetch (blocking HTTP) and the wait for it happen, and no
 * event-loop thread blocks. A handler that does block on the event loop is caught, so the watch is
 * real. Runs in the surefire execution {@code blockhound} (its own JVM, with the flag BlockHound
 * needs on JDK 13+); elsewhere it is skipped.
 */
@SpringBootTest(classes = ReactiveTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.main.web-application-type=reactive", "server.address=127.0.0.1",
				"btp.security.public-paths=/public/**" })
@Import(BlockHoundWatch.BlockingController.class)
class ReactiveJwtBlockHoundTests {

	static final JwtFixture fixture = new JwtFixture().start();

	@LocalServerPort
	int port;

	WebTestClient client;

	@DynamicPropertySource
	static void bindings(DynamicPropertyRegistry registry) {
		registry.add("VCAP_SERVICES", () -> fixture.vcapServices(true, true));
	}

	@BeforeAll
	static void installBlockHound() {
		BlockHoundWatch.install();
	}

	@AfterAll
	static void stop() {
		fixture.server.stop();
	}

	@BeforeEach
	void bindClient() {
		this.client = WebTestClient.bindToServer()
			.baseUrl("http://127.0.0.1:" + this.port)
			.responseTimeout(Duration.ofSeconds(30))
			.build();
	}

	@Test
	void tokensWithColdKeyCachesAreVerifiedWithoutBlockingAnEventLoopThread() {
		fixture.publishXsuaaZoneKeys("cold", fixture.xsuaaKey);
		String xsuaa = JwtFixture.sign(fixture.xsuaaKey, fixture.xsuaaClaims().claim("zid", "cold").build());
		String ias = JwtFixture.sign(fixture.iasKey, fixture.iasClaims().claim("app_tid", "cold-tenant").build());
		for (int i = 0; i < 2; i++) { // the second time from the verified-token memory
			expectBody(xsuaa, "alice|cold|[Viewer]");
			expectBody(ias, "bob@example.com|cold-tenant|[Viewer]");
		}
		fixture.server.verify(1, getRequestedFor(urlPathEqualTo("/token_keys")).withQueryParam("zid", equalTo("cold")));
		fixture.server.verify(1,
				getRequestedFor(urlPathEqualTo("/oauth2/certs")).withHeader("x-app_tid", equalTo("cold-tenant")));
	}

	@Test
	void blockingOnAnEventLoopThreadIsCaught() {
		this.client.get().uri(BlockHoundWatch.BLOCKING_PATH).exchange().expectStatus().is5xxServerError();
	}

	private void expectBody(String token, String body) {
		this.client.get()
			.uri("/me")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.isEqualTo(body);
	}

}
