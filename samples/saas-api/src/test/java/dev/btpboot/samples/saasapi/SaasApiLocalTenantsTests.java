package dev.btpboot.samples.saasapi;

import dev.btpboot.testing.TestPostgres;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.TestRestTemplate;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureTestRestTemplate;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's walk-through (profile {@code dev}), with an embedded PostgreSQL where the README
 * starts one in Docker: the SaaS Provisioning service, played by a mock user with role
 * {@code Callback}, subscribes two tenants with curl's requests; the two mock tenants' users see
 * their own tenant and their own notes only; a subscriber's user may neither call back nor list the
 * tenants; an unsubscribed tenant's notes are gone.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureTestRestTemplate
@ActiveProfiles("dev")
class SaasApiLocalTenantsTests {

	@RegisterExtension
	static final TestPostgres postgres = new TestPostgres();

	@Autowired
	TestRestTemplate rest;

	@BeforeAll
	static void createTheDatabase() {
		postgres.execute("CREATE DATABASE saas_api");
	}

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		// The superuser over loopback without TLS, as a local PostgreSQL in Docker is reached.
		registry.add("spring.datasource.url",
				() -> "jdbc:postgresql://localhost:" + postgres.port() + "/saas_api?sslmode=disable");
		registry.add("spring.datasource.username", () -> "postgres");
		registry.add("spring.datasource.password", () -> "");
	}

	private ResponseEntity<String> exchange(HttpMethod method, String path, String user, String password, String body) {
		HttpHeaders headers = new HttpHeaders();
		headers.setBasicAuth(user, password);
		if (body != null) {
			headers.setContentType(body.startsWith("{") ? MediaType.APPLICATION_JSON : MediaType.TEXT_PLAIN);
		}
		return this.rest.exchange(path, method, new HttpEntity<>(body, headers), String.class);
	}

	private ResponseEntity<String> subscribe(String tenant, String subdomain) {
		String payload = "{\"subscribedTenantId\":\"" + tenant + "\",\"subscribedSubdomain\":\"" + subdomain + "\","
				+ "\"subscribedSubaccountId\":\"" + tenant + "\",\"globalAccountGUID\":\"ga-1\",\"eventType\":\"CREATE\"}";
		return exchange(HttpMethod.PUT, "/callback/v1.0/tenants/" + tenant, "saas-provisioning", "provisioning-pass",
				payload);
	}

	@Test
	void theWalkThrough() {
		ResponseEntity<String> subscribed = subscribe("tenant-a-zone", "tenant-a");
		assertThat(subscribed.getStatusCode().value()).isEqualTo(200);
		assertThat(subscribed.getBody()).isEqualTo("http://tenant-a.localhost:8080");
		assertThat(subscribe("tenant-b-zone", "tenant-b").getBody()).isEqualTo("http://tenant-b.localhost:8080");

		assertThat(exchange(HttpMethod.GET, "/api/me", "alice", "alice-pass", null).getBody())
			.contains("\"tenant\":\"tenant-a-zone\"", "\"subdomain\":\"tenant-a\"");
		assertThat(exchange(HttpMethod.GET, "/api/me", "bob", "bob-pass", null).getBody())
			.contains("\"tenant\":\"tenant-b-zone\"", "\"subdomain\":\"tenant-b\"");

		assertThat(exchange(HttpMethod.POST, "/api/notes", "alice", "alice-pass", "Call the auditors").getStatusCode()
			.value()).isEqualTo(200);
		assertThat(exchange(HttpMethod.GET, "/api/notes", "alice", "alice-pass", null).getBody())
			.isEqualTo("[\"Call the auditors\"]");
		assertThat(exchange(HttpMethod.GET, "/api/notes", "bob", "bob-pass", null).getBody()).isEqualTo("[]");

		assertThat(exchange(HttpMethod.PUT, "/callback/v1.0/tenants/tenant-a-zone", "alice", "alice-pass",
				"{\"subscribedTenantId\":\"tenant-a-zone\"}").getStatusCode().value()).isEqualTo(403);
		assertThat(exchange(HttpMethod.GET, "/callback/v1.0/dependencies", "saas-provisioning", "provisioning-pass",
				null).getBody()).isEqualTo("[]");

		assertThat(exchange(HttpMethod.DELETE, "/callback/v1.0/tenants/tenant-a-zone", "saas-provisioning",
				"provisioning-pass", null).getStatusCode().value()).isEqualTo(200);
		assertThat(exchange(HttpMethod.GET, "/api/notes", "alice", "alice-pass", null).getStatusCode().value())
			.isEqualTo(500);
		assertThat(exchange(HttpMethod.GET, "/api/notes", "bob", "bob-pass", null).getBody()).isEqualTo("[]");
	}

	@Test
	void aSubscribersUserCannotListTheTenants() {
		assertThat(exchange(HttpMethod.GET, "/actuator/tenants", "alice", "alice-pass", null).getStatusCode().value())
			.isEqualTo(403);
	}

}
