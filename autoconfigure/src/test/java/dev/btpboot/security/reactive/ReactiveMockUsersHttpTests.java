package dev.btpboot.security.reactive;

import java.net.InetSocketAddress;

import dev.btpboot.security.BtpUser;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static dev.btpboot.security.HttpClients.basic;

/**
 * Mock mode of a WebFlux application on Reactor Netty: HTTP Basic against the mock users, refusals
 * as problem details, reactive method security, public paths, a user's own chain, the same
 * {@code BtpUser} in the argument and in the Reactor context, and mock users that answer only a
 * loopback TCP peer (unless {@code remote-clients=true} lets those with a password answer any),
 * whatever forwarded headers claim, with either forwarded-header strategy.
 */
@SpringBootTest(classes = ReactiveTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.main.web-application-type=reactive", "server.address=127.0.0.1",
				"btp.security.mock.users.viewer.password=viewer-pass", "btp.security.mock.users.viewer.roles=Viewer",
				"btp.security.public-paths=/public/**" })
class ReactiveMockUsersHttpTests {

	static final String FORGED = "10.1.2.3";

	@LocalServerPort
	int port;

	@Autowired
	ApplicationContext context;

	WebTestClient client;

	@BeforeEach
	void bindClient() {
		this.client = overNetty(this.port);
	}

	static WebTestClient overNetty(int port) {
		return WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port).build();
	}

	@Test
	void anonymousRequestIsAskedForAMockUserWithAProblemDetail() {
		this.client.get()
			.uri("/me")
			.exchange()
			.expectStatus()
			.isUnauthorized()
			.expectHeader()
			.valueEquals(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"btp-spring-boot mock users\"")
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo(401)
			.jsonPath("$.title")
			.isEqualTo("Unauthorized");
	}

	@Test
	void mockUserWithAPasswordIsABtpUserInTheArgumentAndInTheReactorContext() {
		expectBody(this.client, "/me", basic("viewer", "viewer-pass"), "viewer|null|[Viewer]");
		expectBody(this.client, "/me/context", basic("viewer", "viewer-pass"), "same viewer");
		this.client.get()
			.uri("/me")
			.header(HttpHeaders.AUTHORIZATION, basic("viewer", "wrong"))
			.exchange()
			.expectStatus()
			.isUnauthorized()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON);
	}

	@Test
	void reactiveMethodSecurityIsOnAndItsRefusalIsAForbiddenProblem() {
		expectBody(this.client, "/viewer", basic("viewer", "viewer-pass"), "viewer");
		this.client.get()
			.uri("/viewer")
			.header(HttpHeaders.AUTHORIZATION, basic("authenticated", ""))
			.exchange()
			.expectStatus()
			.isForbidden()
			.expectHeader()
			.doesNotExist(HttpHeaders.WWW_AUTHENTICATE)
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.title")
			.isEqualTo("Forbidden");
	}

	@Test
	void publicPathsAndTheUsersOwnChainAreOpenAndNothingElse() {
		this.client.get().uri("/public/ping").exchange().expectStatus().isOk();
		this.client.get().uri("/custom/open").exchange().expectStatus().isOk();
		for (String path : new String[] { "/client", "/actuator/health", "/actuator", "/publicity",
				"/.well-known/oauth-protected-resource" }) {
			this.client.get().uri(path).exchange().expectStatus().isUnauthorized();
		}
	}

	@Test
	void passwordlessMockUsersAnswerTheLoopbackPeerWhateverForwardedHeadersClaim() {
		expectBody(this.client, "/me", basic("system", ""), "system|null|[system-user]");
		this.client.get()
			.uri("/me")
			.header(HttpHeaders.AUTHORIZATION, basic("system", ""))
			.header("X-Forwarded-For", FORGED)
			.header("Forwarded", "for=" + FORGED)
			.exchange()
			.expectStatus()
			.isOk();
	}

	/**
	 * The TCP peer of a test is always loopback; a request from another peer is modelled by a
	 * mock request with that remote address, which is also how any server but Reactor Netty
	 * reports its peer.
	 */
	@Test
	void mockUsersAreRefusedFromARemotePeer() {
		for (String remote : new String[] { FORGED, "2001:db8::7" }) {
			WebTestClient fromRemote = from(this.context, remote);
			for (String authorization : new String[] { basic("system", ""), basic("authenticated", ""),
					basic("viewer", "viewer-pass") }) {
				fromRemote.get()
					.uri("/me")
					.header(HttpHeaders.AUTHORIZATION, authorization)
					.exchange()
					.expectStatus()
					.isUnauthorized();
			}
		}
		expectBody(from(this.context, "127.0.0.1"), "/me", basic("system", ""), "system|null|[system-user]");
		expectBody(from(this.context, "127.0.0.1"), "/me", basic("viewer", "viewer-pass"), "viewer|null|[Viewer]");
	}

	static WebTestClient from(ApplicationContext context, String remoteAddress) {
		return WebTestClient.bindToApplicationContext(context)
			.webFilter((exchange, chain) -> chain.filter(exchange.mutate()
				.request((request) -> request.remoteAddress(new InetSocketAddress(remoteAddress, 50000)))
				.build()))
			.configureClient()
			.build();
	}

	static void expectBody(WebTestClient client, String path, String authorization, String body) {
		client.get()
			.uri(path)
			.header(HttpHeaders.AUTHORIZATION, authorization)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.isEqualTo(body);
	}

	/**
	 * Both ways Spring Boot processes forwarded headers: the application sees the forged address as
	 * its client, yet the mock users judge by the TCP peer.
	 */
	static void assertJudgedByThePeer(WebTestClient client) {
		client.get()
			.uri("/client")
			.header(HttpHeaders.AUTHORIZATION, basic("viewer", "viewer-pass"))
			.header("X-Forwarded-For", FORGED)
			.exchange()
			.expectBody(String.class)
			// forwarded-header processing is active
			.isEqualTo(FORGED);
		client.get()
			.uri("/me")
			.header(HttpHeaders.AUTHORIZATION, basic("system", ""))
			.header("X-Forwarded-For", FORGED)
			.exchange()
			.expectStatus()
			.isOk();
		client.get()
			.uri("/me")
			.header(HttpHeaders.AUTHORIZATION, basic("system", ""))
			.header("Forwarded", "for=" + FORGED)
			.exchange()
			.expectStatus()
			.isOk();
	}

	/** A local container run with a published port: the operator lets users with a password answer. */
	@Nested
	@SpringBootTest(classes = ReactiveTestApplication.class,
			webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
			properties = { "spring.main.web-application-type=reactive", "server.address=127.0.0.1",
					"btp.security.mock.remote-clients=true", "btp.security.mock.users.viewer.password=viewer-pass",
					"btp.security.mock.users.viewer.roles=Viewer" })
	class RemoteClients {

		@Autowired
		ApplicationContext context;

		@Test
		void mockUsersWithAPasswordAnswerARemotePeerAndThoseWithoutDoNot() {
			WebTestClient fromRemote = from(this.context, FORGED);
			expectBody(fromRemote, "/me", basic("viewer", "viewer-pass"), "viewer|null|[Viewer]");
			fromRemote.get()
				.uri("/me")
				.header(HttpHeaders.AUTHORIZATION, basic("system", ""))
				.exchange()
				.expectStatus()
				.isUnauthorized();
		}

	}

	@Nested
	@SpringBootTest(classes = ReactiveTestApplication.class,
			webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
			properties = { "spring.main.web-application-type=reactive", "server.address=127.0.0.1",
					"server.forward-headers-strategy=native", "btp.security.mock.users.viewer.password=viewer-pass" })
	class NativeStrategy {

		@LocalServerPort
		int port;

		@Test
		void passwordlessMockUsersAreJudgedByTheChannelNotByReactorNettysForwardedSupport() {
			assertJudgedByThePeer(overNetty(this.port));
		}

	}

	@Nested
	@SpringBootTest(classes = ReactiveTestApplication.class,
			webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
			properties = { "spring.main.web-application-type=reactive", "server.address=127.0.0.1",
					"server.forward-headers-strategy=framework", "btp.security.mock.users.viewer.password=viewer-pass" })
	class FrameworkStrategy {

		@LocalServerPort
		int port;

		@Test
		void passwordlessMockUsersAreJudgedByTheChannelNotBySpringsForwardedHeaderTransformer() {
			assertJudgedByThePeer(overNetty(this.port));
		}

	}

}
