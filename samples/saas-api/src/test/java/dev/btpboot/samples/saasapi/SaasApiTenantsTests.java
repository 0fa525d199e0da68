package dev.btpboot.samples.saasapi;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import dev.btpboot.data.tenant.TenantSchemaNames;
import dev.btpboot.testing.TestPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.TestRestTemplate;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureTestRestTemplate;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;
import static org.awaitility.Awaitility.await;

/**
 * The sample as deployed, with its peers: WireMock as XSUAA (destination tokens per tenant asked
 * for with {@code x-zid}, the registry's own token without), the Destination service (each tenant's
 * {@code backend} differs in URL and credentials), the SaaS registry (subscriptions API and the
 * status of asynchronous callbacks) and the two tenants' backends; an embedded PostgreSQL bound as
 * PostgreSQL on SAP BTP is (TLS, password). Two subscribed tenants whose users reach their own
 * backend with their own credentials and keep their notes in schemas of their own; a third tenant
 * subscribes and unsubscribes asynchronously, as the registry calls back, and its schema comes and
 * goes with it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "btp.bindings.kubernetes-root=/nonexistent",
				"btp.tenancy.tenant-url=https://{subdomain}.saas-api.example.com",
				"btp.security.mock.users.alice.password=alice-pass", "btp.security.mock.users.alice.roles=Viewer",
				"btp.security.mock.users.alice.tenant=" + SaasApiTenantsTests.TENANT_A,
				"btp.security.mock.users.alice.subdomain=tenant-a",
				"btp.security.mock.users.bob.password=bob-pass", "btp.security.mock.users.bob.roles=Viewer",
				"btp.security.mock.users.bob.tenant=" + SaasApiTenantsTests.TENANT_B,
				"btp.security.mock.users.bob.subdomain=tenant-b",
				"btp.security.mock.users.saas-provisioning.password=provisioning-pass",
				"btp.security.mock.users.saas-provisioning.roles=Callback" })
@AutoConfigureTestRestTemplate
class SaasApiTenantsTests {

	/** Zone ids as BTP has them: UUIDs. */
	static final String TENANT_A = "5a0d4bd1-3f1e-4c1b-9a57-1c2f0e6b7a01";

	static final String TENANT_B = "7c9e2f40-8b6d-4e0a-b1c3-2d4e6f8a9b02";

	static final String TENANT_C = "9e1f3a52-6c7d-4b8e-a0f1-3e5a7c9b1d03";

	static final String STATUS_PATH = "/api/v2.0/subscription/3f1b2c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d/status";

	private static final String PASSWORD = "SaaS-Api-S3cr3t";

	@RegisterExtension
	static final TestPostgres postgres = new TestPostgres();

	static final WireMockServer platform = new WireMockServer(
			WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1"));

	static {
		platform.start();
		for (String tenant : List.of(TENANT_A, TENANT_B)) {
			platform.stubFor(post(urlPathEqualTo("/oauth/token")).withRequestBody(containing("client_id=sb-dest"))
				.withHeader("x-zid", equalTo(tenant))
				.willReturn(okJson("{\"access_token\":\"dest-" + tenant + "\",\"token_type\":\"bearer\",\"expires_in\":3600}")));
		}
		platform.stubFor(post(urlPathEqualTo("/oauth/token")).withRequestBody(containing("client_id=sb-registry"))
			.withHeader("x-zid", absent())
			.willReturn(okJson("{\"access_token\":\"registry-token\",\"token_type\":\"bearer\",\"expires_in\":3600}")));
		destination(TENANT_A, "/backend-a", "a-user", "a-Passw0rd");
		destination(TENANT_B, "/backend-b", "b-user", "b-Passw0rd");
		platform.stubFor(get(urlPathEqualTo("/backend-a/items")).withBasicAuth("a-user", "a-Passw0rd")
			.willReturn(ok("items of tenant A")));
		platform.stubFor(get(urlPathEqualTo("/backend-b/items")).withBasicAuth("b-user", "b-Passw0rd")
			.willReturn(ok("items of tenant B")));
		// The SaaS registry's subscriptions API (saas-manager/v1/application/subscriptions), trimmed.
		platform.stubFor(get(urlPathEqualTo("/saas-manager/v1/application/subscriptions"))
			.withHeader("Authorization", equalTo("Bearer registry-token"))
			.willReturn(okJson("{\"subscriptions\":[" + subscription(TENANT_A, "tenant-a") + ","
					+ subscription(TENANT_B, "tenant-b") + "],\"total\":2,\"totalPages\":1,\"page\":1,\"morePages\":false}")));
		platform.stubFor(put(urlPathEqualTo(STATUS_PATH)).willReturn(ok()));
	}

	@Autowired
	TestRestTemplate rest;

	@Autowired
	BackendSync sync;

	@BeforeAll
	static void createTheServiceInstance() {
		postgres.createUserAndDatabase("saas_api", PASSWORD, "saas_api");
	}

	@DynamicPropertySource
	static void bindings(DynamicPropertyRegistry registry) {
		registry.add("VCAP_SERVICES", () -> {
			String url = platform.baseUrl();
			Map<String, Object> destination = Map.of("name", "saas-api-destination", "label", "destination", "plan",
					"lite", "credentials", Map.of("clientid", "sb-dest", "clientsecret", "dest-secret", "url", url,
							"uri", url, "tenantid", "provider-zone", "xsappname", "saas-api-dest!b1"));
			Map<String, Object> registryBinding = Map.of("name", "saas-api-registry", "label", "saas-registry", "plan",
					"application", "credentials", Map.of("clientid", "sb-registry", "clientsecret", "registry-secret",
							"url", url, "saas_registry_url", url, "appName", "saas-api", "tenantid", "provider-zone",
							"xsappname", "saas-api"));
			Map<String, Object> database = Map.of("name", "saas-api-db", "label", "postgresql-db", "plan", "standard",
					"credentials", postgres.postgresqlDbCredentials("saas_api", PASSWORD, "saas_api"));
			return JsonMapper.shared()
				.writeValueAsString(Map.of("destination", List.of(destination), "saas-registry",
						List.of(registryBinding), "postgresql-db", List.of(database)));
		});
	}

	@AfterAll
	static void stop() {
		platform.stop();
	}

	private static String subscription(String tenant, String subdomain) {
		return "{\"url\":\"https://" + subdomain + ".saas-api.example.com\",\"appName\":\"saas-api\","
				+ "\"consumerTenantId\":\"" + tenant + "\",\"subdomain\":\"" + subdomain + "\","
				+ "\"globalAccountId\":\"2f3e4d5c-6b7a-4988-a7b6-c5d4e3f2a1b0\",\"subaccountId\":\"" + tenant + "\","
				+ "\"state\":\"SUBSCRIBED\",\"createdOn\":\"2026-01-01T00:00:00Z\"}";
	}

	private static void destination(String tenant, String path, String user, String password) {
		// The Destination service's "find destination" answer, as SAP documents it: the configuration
		// and the header to send (authTokens).
		String basic = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
		platform.stubFor(get(urlPathEqualTo("/destination-configuration/v1/destinations/backend"))
			.withHeader("Authorization", equalTo("Bearer dest-" + tenant))
			.willReturn(okJson("{\"owner\":{\"SubaccountId\":\"" + tenant + "\",\"InstanceId\":null},"
					+ "\"destinationConfiguration\":{\"Name\":\"backend\",\"Type\":\"HTTP\",\"URL\":\"" + platform.baseUrl()
					+ path + "\",\"ProxyType\":\"Internet\",\"Authentication\":\"BasicAuthentication\",\"User\":\"" + user
					+ "\",\"Password\":\"" + password + "\"},\"authTokens\":[{\"type\":\"Basic\",\"value\":\"" + basic
					+ "\",\"http_header\":{\"key\":\"Authorization\",\"value\":\"Basic " + basic + "\"}}]}")));
	}

	private ResponseEntity<String> exchange(HttpMethod method, String path, String user, String password, String body,
			String... headers) {
		HttpHeaders request = new HttpHeaders();
		request.setBasicAuth(user, password);
		if (body != null) {
			request.setContentType(body.startsWith("{") ? MediaType.APPLICATION_JSON : MediaType.TEXT_PLAIN);
		}
		for (int i = 0; i < headers.length; i += 2) {
			request.add(headers[i], headers[i + 1]);
		}
		return this.rest.exchange(path, method, new HttpEntity<>(body, request), String.class);
	}

	private static String schemaOf(String tenant) {
		return TenantSchemaNames.standard().schemaOf(tenant);
	}

	private static boolean schemaExists(String tenant) {
		return "1".equals(postgres.queryIn("saas_api",
				"select count(*) from information_schema.schemata where schema_name = '" + schemaOf(tenant) + "'"));
	}

	@Test
	void eachTenantsUserReachesItsOwnBackendWithItsOwnCredentials() {
		assertThat(exchange(HttpMethod.GET, "/api/items", "alice", "alice-pass", null).getBody())
			.isEqualTo("items of tenant A");
		assertThat(exchange(HttpMethod.GET, "/api/items", "bob", "bob-pass", null).getBody())
			.isEqualTo("items of tenant B");
		assertThat(exchange(HttpMethod.GET, "/api/items", "alice", "alice-pass", null).getBody())
			.isEqualTo("items of tenant A");
		for (String tenant : List.of(TENANT_A, TENANT_B)) {
			assertThat(platform.findAll(postRequestedFor(urlPathEqualTo("/oauth/token"))
				.withRequestBody(containing("client_id=sb-dest"))
				.withHeader("x-zid", equalTo(tenant)))).as("destination tokens of %s", tenant).isNotEmpty();
		}
		assertThat(platform.findAll(postRequestedFor(urlPathEqualTo("/oauth/token"))
			.withRequestBody(containing("client_id=sb-dest"))
			.withHeader("x-zid", absent()))).as("destination tokens of the provider").isEmpty();
	}

	@Test
	void eachTenantsNotesStayInItsOwnSchema() {
		assertThat(schemaExists(TENANT_A)).isTrue();
		assertThat(schemaExists(TENANT_B)).isTrue();
		assertThat(exchange(HttpMethod.POST, "/api/notes", "alice", "alice-pass", "alice's plan").getStatusCode().value())
			.isEqualTo(200);
		assertThat(exchange(HttpMethod.POST, "/api/notes", "bob", "bob-pass", "bob's plan").getStatusCode().value())
			.isEqualTo(200);
		assertThat(exchange(HttpMethod.GET, "/api/notes", "alice", "alice-pass", null).getBody())
			.contains("alice's plan")
			.doesNotContain("bob's plan");
		assertThat(exchange(HttpMethod.GET, "/api/notes", "bob", "bob-pass", null).getBody()).contains("bob's plan")
			.doesNotContain("alice's plan");
		assertThat(postgres.queryIn("saas_api", "select string_agg(text, ',') from " + schemaOf(TENANT_A) + ".notes"))
			.doesNotContain("bob's plan");
	}

	@Test
	void anAsynchronousSubscriptionCreatesTheTenantsSchemaAndAnUnsubscriptionDropsIt() {
		String payload = "{\"subscriptionAppName\":\"saas-api\",\"subscribedTenantId\":\"" + TENANT_C + "\","
				+ "\"subscribedSubdomain\":\"tenant-c\",\"subscribedSubaccountId\":\"" + TENANT_C + "\","
				+ "\"globalAccountGUID\":\"2f3e4d5c-6b7a-4988-a7b6-c5d4e3f2a1b0\",\"subscriptionGUID\":"
				+ "\"3f1b2c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d\",\"eventType\":\"CREATE\",\"userId\":\"admin@example.com\"}";
		String path = "/callback/v1.0/tenants/" + TENANT_C;
		assertThat(exchange(HttpMethod.PUT, path, "saas-provisioning", "provisioning-pass", payload, "STATUS_CALLBACK",
				STATUS_PATH).getStatusCode().value()).isEqualTo(202);
		awaitStatus(1);
		assertThat(platform.findAll(putRequestedFor(urlPathEqualTo(STATUS_PATH))).get(0).getBodyAsString())
			.contains("\"status\":\"SUCCEEDED\"", "https://tenant-c.saas-api.example.com");
		platform.verify(putRequestedFor(urlPathEqualTo(STATUS_PATH)).withHeader("Authorization",
				equalTo("Bearer registry-token")));
		assertThat(schemaExists(TENANT_C)).isTrue();
		assertThat(postgres.queryIn("saas_api", "select count(*) from " + schemaOf(TENANT_C) + ".notes")).isEqualTo("0");
		assertThat(exchange(HttpMethod.DELETE, path, "saas-provisioning", "provisioning-pass", payload,
				"STATUS_CALLBACK", STATUS_PATH).getStatusCode().value()).isEqualTo(202);
		awaitStatus(2);
		assertThat(platform.findAll(putRequestedFor(urlPathEqualTo(STATUS_PATH))).get(1).getBodyAsString())
			.contains("\"status\":\"SUCCEEDED\"");
		assertThat(schemaExists(TENANT_C)).isFalse();
		platform.verify(0, putRequestedFor(urlPathEqualTo(STATUS_PATH)).withRequestBody(equalToJson(
				"{\"status\":\"FAILED\"}", true, true)));
	}

	@Test
	void theJobReachesEverySubscribedTenantsBackendAsThatTenant() {
		assertThat(this.sync.syncAll()).containsExactly(entry(TENANT_A, "17 characters"),
				entry(TENANT_B, "17 characters"));
		assertThat(platform.findAll(getRequestedFor(urlPathEqualTo("/backend-a/items")))).isNotEmpty();
		assertThat(platform.findAll(getRequestedFor(urlPathEqualTo("/backend-b/items")))).isNotEmpty();
	}

	private static void awaitStatus(int count) {
		await().atMost(Duration.ofSeconds(60))
			.until(() -> platform.findAll(putRequestedFor(urlPathEqualTo(STATUS_PATH))).size() >= count);
	}

}
