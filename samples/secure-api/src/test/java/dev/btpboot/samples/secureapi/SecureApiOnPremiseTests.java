package dev.btpboot.samples.secureapi;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import com.github.tomakehurst.wiremock.WireMockServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.TestRestTemplate;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureTestRestTemplate;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.exactly;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample's on-premise call with a connectivity binding: WireMock plays the token endpoint and
 * the connectivity proxy's HTTP port, and receives the request to the ERP's virtual host with the
 * proxy token and the location id.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureTestRestTemplate
@ActiveProfiles("dev")
class SecureApiOnPremiseTests {

	private static final String PROXY_TOKEN = "eyJhbGciOiJSUzI1NiJ9.connectivity-proxy.c2ln";

	private static final String ORDERS_PATH = "/sap/opu/odata/sap/API_SALES_ORDER_SRV/A_SalesOrder";

	static final WireMockServer platform = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));

	static {
		platform.start();
		platform.stubFor(post("/oauth/token").willReturn(
				okJson("{\"access_token\":\"" + PROXY_TOKEN + "\",\"token_type\":\"bearer\",\"expires_in\":3600}")));
		platform.stubFor(get(urlPathEqualTo(ORDERS_PATH)).withHost(equalTo("erp.virtual"))
			.withPort(44300)
			.willReturn(okJson("{\"d\":{\"results\":[{\"SalesOrder\":\"4711\"}]}}")));
	}

	@DynamicPropertySource
	static void connectivityBinding(DynamicPropertyRegistry registry) {
		registry.add("VCAP_SERVICES", () -> """
				{"connectivity": [{"name": "secure-api-connectivity", "label": "connectivity", "plan": "lite",
				  "credentials": {"clientid": "sb-connectivity", "clientsecret": "connectivity-secret",
				    "token_service_url": "http://127.0.0.1:%d", "onpremise_proxy_host": "127.0.0.1",
				    "onpremise_proxy_http_port": "%d", "onpremise_socks5_proxy_port": "20004"}}]}"""
			.formatted(platform.port(), platform.port())
			.replace("\n", " "));
		registry.add("btp.connectivity.location-id", () -> "eu-west");
	}

	@AfterAll
	static void stop() {
		platform.stop();
	}

	@Autowired
	TestRestTemplate rest;

	@Test
	void ordersComeFromTheErpThroughTheConnectivityProxy() {
		HttpHeaders headers = new HttpHeaders();
		headers.set(HttpHeaders.AUTHORIZATION, "Basic "
				+ Base64.getEncoder().encodeToString("viewer:viewer-pass".getBytes(StandardCharsets.UTF_8)));

		ResponseEntity<String> response = this.rest.exchange("/api/orders", HttpMethod.GET, new HttpEntity<>(headers),
				String.class);
		ResponseEntity<String> again = this.rest.exchange("/api/orders", HttpMethod.GET, new HttpEntity<>(headers),
				String.class);

		assertThat(response.getStatusCode().value()).isEqualTo(200);
		assertThat(response.getBody()).contains("\"SalesOrder\":\"4711\"");
		assertThat(again.getStatusCode().value()).isEqualTo(200);
		platform.verify(exactly(2), getRequestedFor(urlEqualTo(ORDERS_PATH)).withHost(equalTo("erp.virtual"))
			.withHeader("Proxy-Authorization", equalTo("Bearer " + PROXY_TOKEN))
			.withHeader("SAP-Connectivity-SCC-Location_ID", equalTo("eu-west")));
		platform.verify(exactly(1), postRequestedFor(urlEqualTo("/oauth/token")));
	}

}
