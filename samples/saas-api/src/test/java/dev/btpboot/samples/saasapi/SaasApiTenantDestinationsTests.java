package dev.btpboot.samples.saasapi;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.TestRestTemplate;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureTestRestTemplate;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

/**
 * Tenant-aware destinations of the sample, with WireMock as XSUAA (tokens per tenant by
 * {@code x-zid}), Destination service (each tenant's {@code backend} differs in URL and
 * credentials), SaaS registry (the subscribed tenants) and the two tenants' backends: each mock
 * tenant's user reaches its own backend through the one client made at start-up, and the job
 * reaches every subscribed tenant's backend as that tenant.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureTestRestTemplate
class SaasApiTenantDestinationsTests {

	static final WireMockServer platform = new WireMockServer(
			WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1"));

	static {
		platform.start();
		for (String tenant : new String[] { "tenant-a-zone", "tenant-b-zone" }) {
			platform.stubFor(post(urlPathEqualTo("/oauth/token")).withRequestBody(containing("client_id=sb-dest"))
				.withHeader("x-zid", equalTo(tenant))
				.willReturn(okJson("{\"access_token\":\"dest-" + tenant + "\",\"expires_in\":3600}")));
		}
		platform.stubFor(post(urlPathEqualTo("/oauth/token")).withRequestBody(containing("client_id=sb-registry"))
			.withHeader("x-zid", absent())
			.willReturn(okJson("{\"access_token\":\"registry-token\",\"expires_in\":3600}")));
		destination("tenant-a-zone", "/backend-a", "a-user", "a-Passw0rd");
		destination("tenant-b-zone", "/backend-b", "b-user", "b-Passw0rd");
		platform.stubFor(get(urlPathEqualTo("/backend-a/items"))
			.withBasicAuth("a-user", "a-Passw0rd")
			.willReturn(ok("items of tenant A")));
		platform.stubFor(get(urlPathEqualTo("/backend-b/items"))
			.withBasicAuth("b-user", "b-Passw0rd")
			.willReturn(ok("items of tenant B")));
		platform.stubFor(get(urlPathEqualTo("/saas-manager/v1/application/subscriptions"))
			.withHeader("Authorization", equalTo("Bearer registry-token"))
			.willReturn(okJson("{\"subscriptions\":[{\"consumerTenantId\":\"tenant-a-zone\",\"subdomain\":\"tenant-a\","
					+ "\"state\":\"SUBSCRIBED\"},{\"consumerTenantId\":\"tenant-b-zone\",\"subdomain\":\"tenant-b\","
					+ "\"state\":\"SUBSCRIBED\"}],\"morePages\":false}")));
	}

	@Autowired
	TestRestTemplate rest;

	@Autowired
	BackendSync sync;

	private static void destination(String tenant, String path, String user, String password) {
		platform.stubFor(get(urlPathEqualTo("/destination-configuration/v1/destinations/backend"))
			.withHeader("Authorization", equalTo("Bearer dest-" + tenant))
			.willReturn(okJson("{\"destinationConfiguration\":{\"Name\":\"backend\",\"Type\":\"HTTP\",\"URL\":\""
					+ platform.baseUrl() + path + "\",\"ProxyType\":\"Internet\",\"Authentication\":\"BasicAuthentication\","
					+ "\"User\":\"" + user + "\",\"Password\":\"" + password + "\"},\"authTokens\":[]}")));
	}

	@DynamicPropertySource
	static void bindings(DynamicPropertyRegistry registry) {
		String url = platform.baseUrl();
		registry.add("VCAP_SERVICES", () -> """
				{"destination": [{"name": "saas-api-destination", "label": "destination", "plan": "lite",
				  "credentials": {"clientid": "sb-dest", "clientsecret": "dest-secret", "url": "%1$s", "uri": "%1$s",
				    "tenantid": "provider-zone"}}],
				 "saas-registry": [{"name": "saas-api-registry", "label": "saas-registry", "plan": "application",
				  "credentials": {"clientid": "sb-registry", "clientsecret": "registry-secret", "url": "%1$s",
				    "saas_registry_url": "%1$s", "appName": "saas-api", "tenantid": "provider-zone"}}]}"""
			.formatted(url)
			.replace("\n", " "));
		registry.add("btp.tenancy.tenant-url", () -> "https://{subdomain}.saas-api.example.com");
	}

	@AfterAll
	static void stop() {
		platform.stop();
	}

	private String items(String user, String password) {
		HttpHeaders headers = new HttpHeaders();
		headers.setBasicAuth(user, password);
		return this.rest.exchange("/api/items", HttpMethod.GET, new HttpEntity<>(headers), String.class).getBody();
	}

	@Test
	void eachTenantsUserReachesItsOwnBackendWithItsOwnCredentials() {
		assertThat(items("alice", "alice-pass")).isEqualTo("items of tenant A");
		assertThat(items("bob", "bob-pass")).isEqualTo("items of tenant B");
		assertThat(items("alice", "alice-pass")).isEqualTo("items of tenant A");
	}

	@Test
	void theJobReachesEverySubscribedTenantsBackendAsThatTenant() {
		assertThat(this.sync.syncAll()).containsExactly(
				entry("tenant-a-zone", "17 characters"), entry("tenant-b-zone", "17 characters"));
		assertThat(platform.findAll(getRequestedFor(urlPathEqualTo("/backend-b/items")))).isNotEmpty();
	}

}
