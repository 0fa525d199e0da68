package dev.btpboot.tenancy;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import dev.btpboot.security.jwt.JwtFixture;
import dev.btpboot.tenancy.TenancyTestApplication.RecordingHook;
import dev.btpboot.testing.BlockHoundWatch;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.btpboot.tenancy.TenancyFixture.PROVIDER_ZONE;
import static dev.btpboot.tenancy.TenancyFixture.STATUS_PATH;
import static dev.btpboot.tenancy.TenancyFixture.TENANT_A;
import static dev.btpboot.tenancy.TenancyFixture.TENANT_B;
import static dev.btpboot.tenancy.TenancyFixture.payload;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * With BlockHound watching Reactor Netty's event-loop threads, the SaaS Provisioning callbacks and
 * {@code /actuator/tenants} of a WebFlux application block none of them: the body is read without
 * blocking, hooks that wait (as schema migrations do) run off the event loop, the asynchronous
 * status goes to the registry with its token, the tenants are read from the registry, and a refused
 * caller is answered. A handler that does block on the event loop is caught, so the watch is real.
 * Runs in the surefire execution {@code blockhound}.
 */
// The connectivity binding starts a socket factory that JNDI finds statically: closed with the context.
@DirtiesContext
@SpringBootTest(classes = TenancyTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.main.web-application-type=reactive", "server.address=127.0.0.1",
				"management.endpoints.web.exposure.include=health,tenants", "btp.security.public-paths=/public/**",
				"btp.tenancy.operator-role=TenantOperator" })
@Import(BlockHoundWatch.BlockingController.class)
class ReactiveSubscriptionCallbacksBlockHoundTests {

	static final TenancyFixture fixture = new TenancyFixture();

	@LocalServerPort
	int port;

	@Autowired
	RecordingHook first;

	@DynamicPropertySource
	static void bindings(DynamicPropertyRegistry registry) {
		fixture.register(registry);
	}

	@BeforeAll
	static void installBlockHound() {
		BlockHoundWatch.install();
		fixture.registry.stubFor(get(urlPathEqualTo(SaasRegistryClient.SUBSCRIPTIONS_PATH))
			.willReturn(okJson("{\"subscriptions\": [{\"consumerTenantId\": \"" + TENANT_A + "\", \"subdomain\": "
					+ "\"tenant-a\", \"state\": \"SUBSCRIBED\"}], \"morePages\": false}")));
	}

	@AfterAll
	static void stop() {
		fixture.stop();
	}

	@BeforeEach
	void reset() {
		this.first.reset();
		fixture.registry.resetRequests();
	}

	@Test
	void aSubscriptionWhoseHookWaitsBlocksNoEventLoopThread() {
		CountDownLatch hold = new CountDownLatch(1);
		this.first.holds.put(TENANT_A, hold);
		CompletableFuture.runAsync(hold::countDown, CompletableFuture.delayedExecutor(200, TimeUnit.MILLISECONDS));
		HttpResponse<String> response = send("PUT", "/callback/v1.0/tenants/" + TENANT_A,
				payload(TENANT_A, "tenant-a", "CREATE"), fixture.provisioningToken());
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).isEqualTo("https://tenant-a.saas-app.example.com");
		assertThat(this.first.events).singleElement().asString().startsWith("subscribed " + TENANT_A);
	}

	@Test
	void anAsynchronousUnsubscriptionAndItsStatusBlockNoEventLoopThread() {
		HttpResponse<String> response = send("DELETE", "/callback/v1.0/tenants/" + TENANT_B,
				payload(TENANT_B, "tenant-b", "CREATE"), fixture.provisioningToken(), "STATUS_CALLBACK", STATUS_PATH);
		assertThat(response.statusCode()).isEqualTo(202);
		await().atMost(Duration.ofSeconds(20))
			.until(() -> !fixture.registry.findAll(putRequestedFor(urlPathEqualTo(STATUS_PATH))).isEmpty());
		assertThat(fixture.registry.findAll(putRequestedFor(urlPathEqualTo(STATUS_PATH))).get(0).getBodyAsString())
			.contains("\"status\":\"SUCCEEDED\"");
	}

	@Test
	void theTenantsAndARefusalBlockNoEventLoopThread() {
		HttpResponse<String> operator = send("GET", "/actuator/tenants", null,
				fixture.user(PROVIDER_ZONE, "provider", JwtFixture.XSAPPNAME + ".TenantOperator"));
		assertThat(operator.statusCode()).isEqualTo(200);
		assertThat(operator.body()).contains(TENANT_A);
		assertThat(send("PUT", "/callback/v1.0/tenants/" + TENANT_A, payload(TENANT_A, "tenant-a", "CREATE"),
				fixture.user(TENANT_A, "tenant-a", JwtFixture.XSAPPNAME + ".Callback")).statusCode())
			.isEqualTo(403);
	}

	@Test
	void blockingOnAnEventLoopThreadIsCaught() {
		assertThat(send("GET", BlockHoundWatch.BLOCKING_PATH, null, null).statusCode()).isEqualTo(500);
	}

	private HttpResponse<String> send(String method, String path, String body, String token, String... headers) {
		return TenancyFixture.send(this.port, method, path, body, token, headers);
	}

}
