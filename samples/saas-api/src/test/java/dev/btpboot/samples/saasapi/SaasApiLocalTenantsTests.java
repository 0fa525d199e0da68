package dev.btpboot.samples.saasapi;

import org.junit.jupiter.api.Test;

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

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's local walk-through (profile {@code local}): the SaaS Provisioning service, played
 * by a mock user with role {@code Callback}, subscribes and unsubscribes a tenant with curl's
 * requests; two mock tenants' users see their own tenant; only the provider's operator lists the
 * subscribed tenants.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureTestRestTemplate
@ActiveProfiles("local")
class SaasApiLocalTenantsTests {

	@Autowired
	TestRestTemplate rest;

	private ResponseEntity<String> exchange(HttpMethod method, String path, String user, String password, String body) {
		HttpHeaders headers = new HttpHeaders();
		headers.setBasicAuth(user, password);
		headers.setContentType(MediaType.APPLICATION_JSON);
		return this.rest.exchange(path, method, new HttpEntity<>(body, headers), String.class);
	}

	@Test
	void theSaasProvisioningServiceSubscribesAndUnsubscribesATenant() {
		String payload = "{\"subscribedTenantId\":\"tenant-a-zone\",\"subscribedSubdomain\":\"tenant-a\","
				+ "\"subscribedSubaccountId\":\"tenant-a-zone\",\"globalAccountGUID\":\"ga-1\",\"eventType\":\"CREATE\"}";
		ResponseEntity<String> subscribed = exchange(HttpMethod.PUT, "/callback/v1.0/tenants/tenant-a-zone",
				"saas-provisioning", "provisioning-pass", payload);
		assertThat(subscribed.getStatusCode().value()).isEqualTo(200);
		assertThat(subscribed.getBody()).isEqualTo("http://tenant-a.localhost:8080");
		assertThat(exchange(HttpMethod.DELETE, "/callback/v1.0/tenants/tenant-a-zone", "saas-provisioning",
				"provisioning-pass", payload).getStatusCode().value()).isEqualTo(200);
		assertThat(exchange(HttpMethod.PUT, "/callback/v1.0/tenants/tenant-a-zone", "alice", "alice-pass", payload)
			.getStatusCode().value()).isEqualTo(403);
	}

	@Test
	void eachMockTenantsUserSeesItsOwnTenant() {
		assertThat(exchange(HttpMethod.GET, "/api/me", "alice", "alice-pass", null).getBody())
			.contains("\"tenant\":\"tenant-a-zone\"", "\"subdomain\":\"tenant-a\"");
		assertThat(exchange(HttpMethod.GET, "/api/me", "bob", "bob-pass", null).getBody())
			.contains("\"tenant\":\"tenant-b-zone\"", "\"subdomain\":\"tenant-b\"");
	}

	@Test
	void aSubscribersUserCannotListTheTenants() {
		assertThat(exchange(HttpMethod.GET, "/actuator/tenants", "alice", "alice-pass", null).getStatusCode().value())
			.isEqualTo(403);
	}

}
