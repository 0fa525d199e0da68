package dev.btpboot.tenancy;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.btpboot.security.jwt.JwtFixture;
import dev.btpboot.tenancy.TenancyTestApplication.RecordingHook;
import dev.btpboot.token.TokenProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.btpboot.tenancy.TenancyFixture.CONNECTIVITY_XSAPPNAME;
import static dev.btpboot.tenancy.TenancyFixture.DESTINATION_XSAPPNAME;
import static dev.btpboot.tenancy.TenancyFixture.PROVIDER_ZONE;
import static dev.btpboot.tenancy.TenancyFixture.REGISTRY_TOKEN;
import static dev.btpboot.tenancy.TenancyFixture.STATUS_PATH;
import static dev.btpboot.tenancy.TenancyFixture.TENANT_A;
import static dev.btpboot.tenancy.TenancyFixture.TENANT_B;
import static dev.btpboot.tenancy.TenancyFixture.payload;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The SaaS Provisioning callbacks through embedded Tomcat, with WireMock as XSUAA and SaaS
 * registry (issue 20 §2): synchronous and asynchronous subscribe, update and unsubscribe with
 * SAP's payload, the hooks in their order, one event of a tenant at a time, the eviction of an
 * unsubscribed tenant's tokens and keys, the dependencies, and who may call.
 */
// The connectivity binding starts a socket factory that JNDI finds statically: closed with the context.
@DirtiesContext
@SpringBootTest(classes = TenancyTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "btp.tenancy.dependencies=audit-log!b3")
@ExtendWith(OutputCaptureExtension.class)
class SubscriptionCallbacksHttpTests {

	static final TenancyFixture fixture = new TenancyFixture();

	@LocalServerPort
	int port;

	@Autowired
	RecordingHook first;

	@Autowired
	RecordingHook second;

	@Autowired
	@Qualifier("destinationTokenProvider")
	TokenProvider destinationTokens;

	@DynamicPropertySource
	static void bindings(DynamicPropertyRegistry registry) {
		fixture.register(registry);
	}

	@AfterAll
	static void stop() {
		fixture.stop();
	}

	@BeforeEach
	void reset() {
		this.first.reset();
		this.second.reset();
		fixture.registry.resetRequests();
	}

	@Test
	void aSynchronousSubscriptionCallsTheHooksInOrderAndAnswersTheTenantUrl() {
		HttpResponse<String> response = send("PUT", "/callback/v1.0/tenants/" + TENANT_A,
				payload(TENANT_A, "tenant-a", "CREATE"), fixture.provisioningToken());
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).isEqualTo("https://tenant-a.saas-app.example.com");
		assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
				(type) -> assertThat(type).startsWith("text/plain"));
		String event = "subscribed " + TENANT_A + " tenant-a " + TENANT_A + " 4c28a87c-ca19-45be-b884-ec6a6b3a1226";
		assertThat(this.first.events).containsExactly(event);
		assertThat(this.second.events).containsExactly(event);
		assertThat(this.first.users).as("hooks run with no user in the context").isEmpty();
	}

	@Test
	void anUpdateCallsTheUpdateOfEachHook() {
		HttpResponse<String> response = send("PUT", "/callback/v1.0/tenants/" + TENANT_B,
				payload(TENANT_B, "tenant-b", "UPDATE"), fixture.provisioningToken());
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(this.first.events).singleElement().asString().startsWith("updated " + TENANT_B);
	}

	@Test
	void aHookThatFailsFailsTheSubscriptionAndNoLaterHookRuns() {
		this.first.failures.put(TENANT_B, "schema tenant_b cannot be created");
		HttpResponse<String> response = send("PUT", "/callback/v1.0/tenants/" + TENANT_B,
				payload(TENANT_B, "tenant-b", "CREATE"), fixture.provisioningToken());
		assertThat(response.statusCode()).isEqualTo(500);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(response.body()).contains("Subscription of tenant '" + TENANT_B
				+ "' failed in hook RecordingHook: schema tenant_b cannot be created");
		assertThat(this.second.events).isEmpty();
	}

	@Test
	void anAsynchronousSubscriptionIsAcceptedAtOnceAndItsOutcomeReportedToTheRegistry() {
		CountDownLatch release = new CountDownLatch(1);
		this.first.holds.put(TENANT_A, release);
		HttpResponse<String> response = send("PUT", "/callback/v1.0/tenants/" + TENANT_A,
				payload(TENANT_A, "tenant-a", "CREATE"), fixture.provisioningToken(), "STATUS_CALLBACK", STATUS_PATH);
		assertThat(response.statusCode()).isEqualTo(202);
		assertThat(fixture.registry.findAll(anyRequestedFor(anyUrl()))).isEmpty();
		release.countDown();
		LoggedRequest status = awaitStatus();
		assertThat(status.getHeader("Authorization")).isEqualTo("Bearer " + REGISTRY_TOKEN);
		assertThat(status.getHeader("Content-Type")).startsWith("application/json");
		assertThat(status.getBodyAsString()).isEqualTo("{\"status\":\"SUCCEEDED\",\"message\":\"Subscription of tenant '"
				+ TENANT_A + "' succeeded\",\"subscriptionUrl\":\"https://tenant-a.saas-app.example.com\"}");
		assertThat(this.second.events).singleElement().asString().startsWith("subscribed " + TENANT_A);
	}

	@Test
	void anAsynchronousFailureIsReportedAsFailedWithTheHooksMessage() {
		this.second.failures.put(TENANT_B, "the tenant's quota is exhausted");
		HttpResponse<String> response = send("PUT", "/callback/v1.0/tenants/" + TENANT_B,
				payload(TENANT_B, "tenant-b", "CREATE"), fixture.provisioningToken(), "STATUS_CALLBACK", STATUS_PATH);
		assertThat(response.statusCode()).isEqualTo(202);
		assertThat(awaitStatus().getBodyAsString()).isEqualTo("{\"status\":\"FAILED\",\"message\":\"Subscription of "
				+ "tenant '" + TENANT_B + "' failed in hook RecordingHook: the tenant's quota is exhausted\"}");
	}

	@Test
	void aStatusCallbackOutsideTheRegistryIsRefusedAndNothingRuns() {
		for (String callback : List.of("//evil.example.com/status", "https://evil.example.com/status",
				"/status@evil.example.com")) {
			HttpResponse<String> response = send("PUT", "/callback/v1.0/tenants/" + TENANT_A,
					payload(TENANT_A, "tenant-a", "CREATE"), fixture.provisioningToken(), "STATUS_CALLBACK", callback);
			assertThat(response.statusCode()).as(callback).isEqualTo(400);
		}
		assertThat(this.first.events).isEmpty();
	}

	@Test
	void eventsOfOneTenantNeverOverlapThoseOfAnotherMay() throws Exception {
		CountDownLatch release = new CountDownLatch(1);
		this.first.holds.put(TENANT_A, release);
		send("PUT", "/callback/v1.0/tenants/" + TENANT_A, payload(TENANT_A, "tenant-a", "CREATE"),
				fixture.provisioningToken(), "STATUS_CALLBACK", STATUS_PATH);
		send("DELETE", "/callback/v1.0/tenants/" + TENANT_A, payload(TENANT_A, "tenant-a", "CREATE"),
				fixture.provisioningToken(), "STATUS_CALLBACK", STATUS_PATH);
		// Another tenant is not held up by tenant A's subscription.
		assertThat(send("PUT", "/callback/v1.0/tenants/" + TENANT_B, payload(TENANT_B, "tenant-b", "CREATE"),
				fixture.provisioningToken()).statusCode()).isEqualTo(200);
		assertThat(this.first.events).singleElement().asString().startsWith("subscribed " + TENANT_B);
		release.countDown();
		await().atMost(Duration.ofSeconds(20))
			.untilAsserted(() -> assertThat(this.second.events).hasSize(3));
		assertThat(this.second.events.subList(1, 3)).satisfiesExactly(
				(event) -> assertThat(event).startsWith("subscribed " + TENANT_A),
				(event) -> assertThat(event).startsWith("unsubscribed " + TENANT_A));
		assertThat(this.first.overlapped).isEmpty();
	}

	@Test
	void unsubscribingForgetsTheTenantsTokensAndKeys() {
		String tenantUser = fixture.user(TENANT_B, "tenant-b", JwtFixture.XSAPPNAME + ".Viewer");
		assertThat(send("GET", "/callback/v1.0/dependencies", null, tenantUser).statusCode()).isEqualTo(403);
		this.destinationTokens.clientCredentialsForTenant(TENANT_B);
		this.destinationTokens.clientCredentialsForTenant(TENANT_B);
		int keyFetches = keyFetches(TENANT_B);
		int tokenRequests = tokenRequests(TENANT_B);
		assertThat(keyFetches).isEqualTo(1);
		assertThat(tokenRequests).isEqualTo(1);
		HttpResponse<String> response = send("DELETE", "/callback/v1.0/tenants/" + TENANT_B,
				payload(TENANT_B, "tenant-b", "CREATE"), fixture.provisioningToken());
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(this.first.events).singleElement().asString().startsWith("unsubscribed " + TENANT_B);
		this.destinationTokens.clientCredentialsForTenant(TENANT_B);
		send("GET", "/callback/v1.0/dependencies", null, fixture.user(TENANT_B, "tenant-b"));
		assertThat(tokenRequests(TENANT_B)).isEqualTo(tokenRequests + 1);
		assertThat(keyFetches(TENANT_B)).isEqualTo(keyFetches + 1);
	}

	@Test
	void theDependenciesAreTheBoundReuseServicesAndTheConfiguredOnes() {
		HttpResponse<String> response = send("GET", "/callback/v1.0/dependencies", null, fixture.provisioningToken());
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).isEqualTo("[{\"xsappname\":\"" + DESTINATION_XSAPPNAME + "\"},{\"xsappname\":\""
				+ CONNECTIVITY_XSAPPNAME + "\"},{\"xsappname\":\"audit-log!b3\"}]");
	}

	@Test
	void onlyTheSaasProvisioningServiceMayCallBack() {
		String path = "/callback/v1.0/tenants/" + TENANT_A;
		String body = payload(TENANT_A, "tenant-a", "CREATE");
		HttpResponse<String> anonymous = send("PUT", path, body, null);
		assertThat(anonymous.statusCode()).isEqualTo(401);
		assertThat(anonymous.body()).contains("\"title\":\"Unauthorized\"");
		List<String> refused = new ArrayList<>();
		refused.add(fixture.user(PROVIDER_ZONE, "provider", JwtFixture.XSAPPNAME + ".Callback"));
		refused.add(fixture.clientCredentials(TENANT_B, "tenant-b", JwtFixture.XSAPPNAME + ".Callback"));
		refused.add(fixture.clientCredentials(PROVIDER_ZONE, "provider", JwtFixture.XSAPPNAME + ".Viewer"));
		refused.add(JwtFixture.sign(fixture.jwt.iasKey, fixture.jwt.iasClaims()
			.subject(JwtFixture.IAS_CLIENT)
			.claim("azp", JwtFixture.IAS_CLIENT)
			.claim("email", null)
			.claim("groups", List.of("Callback"))
			.claim("app_tid", PROVIDER_ZONE)
			.build()));
		for (String token : refused) {
			HttpResponse<String> response = send("PUT", path, body, token);
			assertThat(response.statusCode()).isEqualTo(403);
			assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		}
		assertThat(this.first.events).isEmpty();
	}

	@Test
	void thePathTenantMustBeTheSubscribedTenant(CapturedOutput output) {
		HttpResponse<String> response = send("PUT", "/callback/v1.0/tenants/" + TENANT_B,
				payload(TENANT_A, "tenant-a", "CREATE"), fixture.provisioningToken());
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.body()).contains("subscribedTenantId is not the tenant of the path");
		assertThat(send("PUT", "/callback/v1.0/tenants/" + TENANT_A, "{not json", fixture.provisioningToken())
			.statusCode()).isEqualTo(400);
		assertThat(this.first.events).isEmpty();
		assertThat(output).doesNotContain("martin.frick", "userInfo", "tenantMetadataUrl");
	}

	private LoggedRequest awaitStatus() {
		await().atMost(Duration.ofSeconds(20))
			.until(() -> !fixture.registry.findAll(putRequestedFor(urlPathEqualTo(STATUS_PATH))).isEmpty());
		return fixture.registry.findAll(putRequestedFor(urlPathEqualTo(STATUS_PATH))).get(0);
	}

	private static int keyFetches(String zone) {
		return fixture.jwt.server
			.findAll(getRequestedFor(urlPathEqualTo("/token_keys")).withQueryParam("zid", equalTo(zone)))
			.size();
	}

	private static int tokenRequests(String zone) {
		return fixture.jwt.server
			.findAll(postRequestedFor(urlPathEqualTo("/oauth/token")).withHeader("x-zid", equalTo(zone)))
			.size();
	}

	private HttpResponse<String> send(String method, String path, String body, String token, String... headers) {
		return TenancyFixture.send(this.port, method, path, body, token, headers);
	}

}
