package dev.btpboot.destination.tenants;

import java.net.http.HttpResponse;
import java.util.List;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import org.junit.jupiter.api.BeforeEach;

import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;

import static dev.btpboot.security.HttpClients.bearer;
import static dev.btpboot.security.HttpClients.get;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the tests of {@link TenantDestinationsApplication} check after each request: which system
 * the backend request reached, at which URL, with which credentials and through which route. The
 * application's clients are made once, at start-up, for no tenant.
 */
abstract class TenantDestinationsHttpTestSupport {

	/** The clients of the application, each made once. */
	static final List<String> CLIENTS = List.of("/backend/rest", "/backend/web", "/backend/group");

	@LocalServerPort
	int port;

	/** @return the peers of this class's application, started for it alone */
	abstract TenantDestinationsFixture fixture();

	@BeforeEach
	void resetSystems() {
		fixture().systems.resetRequests();
		fixture().proxy.resetRequests();
	}

	/** Tenant A's system: Internet, its own URL, the OAuth token the Destination service returned for A. */
	void reachesTenantA(String token, String client) {
		assertThat(call(token, client)).isEqualTo("internet system");
		LoggedRequest request = fixture().internetRequest();
		assertThat(request).as(client).isNotNull();
		assertThat(request.getUrl()).isEqualTo("/a/items");
		assertThat(request.getHeader(HttpHeaders.AUTHORIZATION)).isEqualTo("Bearer a-system-token");
		assertThat(request.getHeader("x-tenant-system")).isEqualTo("a");
		assertThat(fixture().proxiedRequest()).isNull();
		resetSystems();
	}

	/** Tenant B's system: on premise through the proxy with B's location and connectivity token, B's user. */
	void reachesTenantB(String token, String client) {
		assertThat(call(token, client)).isEqualTo("on-premise system");
		LoggedRequest request = fixture().proxiedRequest();
		assertThat(request).as(client).isNotNull();
		assertThat(request.getAbsoluteUrl()).isEqualTo("http://erp-b.virtual:44300/b/items?sap-client=200");
		assertThat(request.getHeader(HttpHeaders.AUTHORIZATION))
			.isEqualTo("Basic " + HttpHeaders.encodeBasicAuth("b-user", TenantDestinationsFixture.B_PASSWORD, null));
		assertThat(request.getHeader(HttpHeaders.PROXY_AUTHORIZATION)).isEqualTo("Bearer conn-B");
		assertThat(request.getHeader("SAP-Connectivity-SCC-Location_ID")).isEqualTo("loc-b");
		assertThat(request.containsHeader("x-tenant-system")).isFalse();
		assertThat(fixture().internetRequest()).isNull();
		resetSystems();
	}

	/** The provider's system: Internet, its own URL and user. */
	void reachesTheProvider(String token, String client) {
		assertThat(call(token, client)).isEqualTo("internet system");
		LoggedRequest request = fixture().internetRequest();
		assertThat(request).as(client).isNotNull();
		assertThat(request.getUrl()).isEqualTo("/provider/items");
		assertThat(request.getHeader(HttpHeaders.AUTHORIZATION))
			.isEqualTo("Basic " + HttpHeaders.encodeBasicAuth("p-user", TenantDestinationsFixture.P_PASSWORD, null));
		assertThat(fixture().proxiedRequest()).isNull();
		resetSystems();
	}

	private String call(String token, String client) {
		HttpResponse<String> response = get(this.port, client, "Authorization", bearer(token));
		assertThat(response.statusCode()).as(client + ": " + response.body()).isEqualTo(200);
		return response.body();
	}

}
