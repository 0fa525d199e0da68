package dev.btpboot.tenancy;

import java.net.http.HttpResponse;

import dev.btpboot.security.jwt.JwtFixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.btpboot.security.HttpClients.bearer;
import static dev.btpboot.tenancy.TenancyFixture.PROVIDER_ZONE;
import static dev.btpboot.tenancy.TenancyFixture.TENANT_A;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code /actuator/tenants} through embedded Tomcat (issue 20 §2): the subscribed tenants as the
 * SaaS registry lists them, for the provider's own operators only; a subscriber's user never sees
 * the customer list, whatever its roles.
 */
// The connectivity binding starts a socket factory that JNDI finds statically: closed with the context.
@DirtiesContext
@SpringBootTest(classes = TenancyTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "management.endpoints.web.exposure.include=health,tenants",
				"btp.tenancy.operator-role=TenantOperator" })
class TenantsEndpointHttpTests {

	static final TenancyFixture fixture = new TenancyFixture();

	@LocalServerPort
	int port;

	@DynamicPropertySource
	static void bindings(DynamicPropertyRegistry registry) {
		fixture.register(registry);
	}

	@BeforeAll
	static void subscriptions() {
		fixture.registry.stubFor(get(urlPathEqualTo(SaasRegistryClient.SUBSCRIPTIONS_PATH))
			.willReturn(okJson("{\"subscriptions\": [{\"consumerTenantId\": \"" + TENANT_A + "\", \"subdomain\": "
					+ "\"tenant-a\", \"subaccountId\": \"" + TENANT_A + "\", \"globalAccountId\": \"ga-1\", "
					+ "\"state\": \"SUBSCRIBED\", \"url\": \"https://tenant-a.saas-app.example.com\"}], "
					+ "\"morePages\": false}")));
	}

	@AfterAll
	static void stop() {
		fixture.stop();
	}

	private HttpResponse<String> tenants(String token) {
		return (token != null) ? dev.btpboot.security.HttpClients.get(this.port, "/actuator/tenants", "Authorization",
				bearer(token)) : dev.btpboot.security.HttpClients.get(this.port, "/actuator/tenants");
	}

	@Test
	void aTechnicalCallerOfTheProviderZoneSeesTheSubscribedTenants() {
		HttpResponse<String> response = tenants(fixture.clientCredentials(PROVIDER_ZONE, "provider"));
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).isEqualTo("{\"tenants\":[{\"tenantId\":\"" + TENANT_A + "\",\"subdomain\":"
				+ "\"tenant-a\",\"subaccountId\":\"" + TENANT_A + "\",\"globalAccountId\":\"ga-1\"}]}");
	}

	@Test
	void aProviderUserWithTheOperatorRoleSeesThemAndOneWithoutDoesNot() {
		assertThat(tenants(fixture.user(PROVIDER_ZONE, "provider", JwtFixture.XSAPPNAME + ".TenantOperator"))
			.statusCode()).isEqualTo(200);
		assertThat(tenants(fixture.user(PROVIDER_ZONE, "provider", JwtFixture.XSAPPNAME + ".Viewer")).statusCode())
			.isEqualTo(403);
	}

	@Test
	void aSubscribersUserNeverSeesTheCustomerList() {
		HttpResponse<String> subscriber = tenants(
				fixture.user(TENANT_A, "tenant-a", JwtFixture.XSAPPNAME + ".TenantOperator"));
		assertThat(subscriber.statusCode()).isEqualTo(403);
		assertThat(subscriber.body()).doesNotContain(TENANT_A);
		assertThat(tenants(fixture.clientCredentials(TENANT_A, "tenant-a")).statusCode()).isEqualTo(403);
		assertThat(tenants(null).statusCode()).isEqualTo(401);
	}

}
