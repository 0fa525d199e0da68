package dev.btpboot.security.exchange;

import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;

import dev.btpboot.security.jwt.JwtFixture;
import dev.btpboot.security.reactive.ReactiveTestApplication;
import dev.btpboot.testing.BlockHoundWatch;
import dev.btpboot.testing.TestCertificates;
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


/**
 * With BlockHound watching Reactor Netty's event-loop threads, the identities WebFlux gained run
 * without blocking one: the token exchange (a jwt-bearer request, then the exchanged token's keys
 * fetched for a zone not seen before), its outage answer, client certificate authentication and the
 * proof of possession of a certificate-bound token. A handler that does block on the event loop is
 * caught, so the watch is real. Runs in the surefire execution {@code blockhound}.
 */
@SpringBootTest(classes = ReactiveTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.main.web-application-type=reactive", "server.address=127.0.0.1",
				"btp.security.public-paths=/public/**", "btp.security.token-exchange=force-xsuaa",
				"btp.security.client-certificates.sender.subject=CN=sender", "btp.security.client-certificates.sender.roles=Viewer" })
@Import(BlockHoundWatch.BlockingController.class)
class ReactiveTokenExchangeBlockHoundTests {

	static final TokenExchangeFixture fixture = new TokenExchangeFixture();

	static final TestCertificates.Issued sender = TestCertificates.selfSignedRsa("sender");

	@LocalServerPort
	int port;

	WebTestClient client;

	@DynamicPropertySource
	static void bindings(DynamicPropertyRegistry registry) {
		registry.add("VCAP_SERVICES", () -> fixture.jwt.vcapServices(true, true));
	}

	@BeforeAll
	static void installBlockHound() {
		BlockHoundWatch.install();
	}

	@AfterAll
	static void stop() {
		fixture.jwt.server.stop();
	}

	@BeforeEach
	void bindClient() {
		this.client = WebTestClient.bindToServer()
			.baseUrl("http://127.0.0.1:" + this.port)
			.responseTimeout(Duration.ofSeconds(30))
			.build();
	}

	@Test
	void anIasUserIsExchangedAndTheExchangedTokensColdKeysAreFetchedWithoutBlockingAnEventLoopThread() {
		String zone = "zone-" + UUID.randomUUID();
		fixture.jwt.publishXsuaaZoneKeys(zone, fixture.jwt.xsuaaKey);
		String iasToken = fixture.iasUserToken();
		fixture.answersExchangeWith(iasToken,
				JwtFixture.sign(fixture.jwt.xsuaaKey, fixture.xsuaaUserClaims(zone, "Viewer").build()));
		for (int i = 0; i < 2; i++) {
			expectBody("/me", HttpHeaders.AUTHORIZATION, "Bearer " + iasToken, "bob@example.com|" + zone + "|[Viewer]");
		}
		fixture.verifyOneExchange(iasToken);
	}

	@Test
	void anOutageOfTheTokenEndpointIsAnsweredWithoutBlockingAnEventLoopThread() {
		String iasToken = fixture.iasUserToken();
		fixture.isUnavailableFor(iasToken);
		this.client.get()
			.uri("/me")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + iasToken)
			.exchange()
			.expectStatus()
			.isEqualTo(503)
			.expectHeader()
			.valueEquals(HttpHeaders.RETRY_AFTER, "10");
	}

	@Test
	void aClientCertificateAndTheProofOfPossessionOfABoundTokenAreCheckedWithoutBlockingAnEventLoopThread()
			throws Exception {
		String certificate = Base64.getEncoder().encodeToString(sender.certificate().getEncoded());
		expectBody("/me", "X-Forwarded-Client-Cert", certificate, "sender|null|[Viewer]");
		String thumbprint = Base64.getUrlEncoder()
			.withoutPadding()
			.encodeToString(java.security.MessageDigest.getInstance("SHA-256").digest(sender.certificate().getEncoded()));
		String bound = JwtFixture.sign(fixture.jwt.xsuaaKey, fixture.jwt.xsuaaClaims()
			.claim("cnf", Map.of("x5t#S256", thumbprint))
			.build());
		this.client.get()
			.uri("/me")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + bound)
			.header("X-Forwarded-Client-Cert", certificate)
			.exchange()
			.expectStatus()
			.isOk();
	}

	@Test
	void blockingOnAnEventLoopThreadIsCaught() {
		this.client.get().uri(BlockHoundWatch.BLOCKING_PATH).exchange().expectStatus().is5xxServerError();
	}

	private void expectBody(String path, String header, String value, String body) {
		this.client.get()
			.uri(path)
			.header(header, value)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.isEqualTo(body);
	}

}
