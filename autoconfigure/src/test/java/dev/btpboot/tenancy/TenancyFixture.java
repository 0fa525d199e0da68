package dev.btpboot.tenancy;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.nimbusds.jwt.JWTClaimsSet;
import dev.btpboot.security.jwt.JwtFixture;

import org.springframework.test.context.DynamicPropertyRegistry;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

/**
 * A provider subaccount with a multitenant application, all peers WireMock: the
 * {@link JwtFixture}'s XSUAA (keys and token endpoint, which answers the saas-registry binding's
 * client with a token of its own) and IAS, and the SaaS registry (subscriptions API and the status
 * of asynchronous callbacks). Tokens are shaped as XSUAA issues them: the SaaS Provisioning
 * service calls with a client-credentials token of the provider's zone that carries
 * {@code <xsappname>.Callback}.
 */
final class TenancyFixture {

	static final String PROVIDER_ZONE = "7e6a4f10-provider-zone";

	static final String TENANT_A = "043145ac-5713-4eb6-9c60-c5dcc90324f9";

	static final String TENANT_B = "9b1d2c3e-4f5a-6b7c-8d9e-0f1a2b3c4d5e";

	static final String REGISTRY_CLIENT = "sb-saas-app!b1|saas-registry-app!b2";

	static final String REGISTRY_TOKEN = "registry-token-never-logged";

	static final String DESTINATION_XSAPPNAME = "clone-destination!b9|destination-xsappname!b404";

	static final String CONNECTIVITY_XSAPPNAME = "clone-connectivity!b9|connectivity!b17";

	static final String STATUS_PATH = "/api/v2.0/subscription/8c0c6573-73cb-4e1c-b13c-40b6c3e91e9c/status";

	private static final HttpClient HTTP = HttpClient.newHttpClient();

	final JwtFixture jwt = new JwtFixture().start();

	final WireMockServer registry = new WireMockServer(
			WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1"));

	TenancyFixture() {
		this.registry.start();
		this.jwt.server.stubFor(post(urlPathEqualTo("/oauth/token"))
			.withRequestBody(containing("client_id=" + REGISTRY_CLIENT.replace("!", "%21").replace("|", "%7C")))
			.withHeader("x-zid", absent())
			.willReturn(okJson("{\"access_token\":\"" + REGISTRY_TOKEN + "\",\"token_type\":\"bearer\",\"expires_in\":3600}")));
		this.jwt.server.stubFor(post(urlPathEqualTo("/oauth/token")).withRequestBody(containing("client_id=sb-dest"))
			.willReturn(okJson("{\"access_token\":\"destination-token\",\"token_type\":\"bearer\",\"expires_in\":3600}")));
		this.registry.stubFor(put(urlPathMatching("/api/v2.0/subscription/.*/status")).willReturn(aResponse().withStatus(200)));
	}

	/** Sets the bindings and the tenant URL. */
	void register(DynamicPropertyRegistry registry) {
		registry.add("VCAP_SERVICES", this::vcapServices);
		registry.add("btp.tenancy.tenant-url", () -> "https://{subdomain}.saas-app.example.com");
	}

	String vcapServices() {
		String tokenUrl = "http://" + this.jwt.uaaDomain();
		return """
				{"xsuaa": [{"name": "saas-uaa", "label": "xsuaa", "plan": "application", "tags": ["xsuaa"],
				  "credentials": {"clientid": "%1$s", "clientsecret": "xsuaa-secret-never-logged", "url": "%2$s",
				    "uaadomain": "%3$s", "xsappname": "%4$s", "tenantmode": "shared", "identityzone": "provider",
				    "tenantid": "%5$s", "zoneid": "%5$s"}}],
				 "identity": [{"name": "saas-ias", "label": "identity", "plan": "application",
				  "credentials": {"clientid": "%10$s", "clientsecret": "ias-secret-never-logged", "url": "%11$s",
				    "domains": ["accounts.example.com"], "app_tid": "%5$s"}}],
				 "saas-registry": [{"name": "saas-registry", "label": "saas-registry", "plan": "application",
				  "tags": ["SaaS"],
				  "credentials": {"clientid": "%6$s", "clientsecret": "registry-secret-never-logged", "url": "%2$s",
				    "saas_registry_url": "%7$s", "appName": "saas-app", "identityzone": "provider", "tenantid": "%5$s",
				    "xsappname": "saas-app!b1", "appUrls": "{\\"onSubscriptionAsync\\":true}"}}],
				 "destination": [{"name": "dest", "label": "destination", "plan": "lite", "tags": ["destination"],
				  "credentials": {"clientid": "sb-dest", "clientsecret": "dest-secret-never-logged", "url": "%2$s",
				    "uri": "%7$s", "xsappname": "%8$s", "tenantid": "%5$s"}}],
				 "connectivity": [{"name": "conn", "label": "connectivity", "plan": "lite", "tags": ["connectivity"],
				  "credentials": {"clientid": "sb-conn", "clientsecret": "conn-secret-never-logged", "url": "%2$s",
				    "token_service_url": "%2$s", "onpremise_proxy_host": "127.0.0.1", "onpremise_proxy_http_port": "1",
				    "onpremise_socks5_proxy_port": "1", "xsappname": "%9$s", "tenantid": "%5$s"}}]}"""
			.formatted(JwtFixture.XSUAA_CLIENT, tokenUrl, this.jwt.uaaDomain(), JwtFixture.XSAPPNAME, PROVIDER_ZONE,
					REGISTRY_CLIENT, this.registry.baseUrl(), DESTINATION_XSAPPNAME, CONNECTIVITY_XSAPPNAME,
					JwtFixture.IAS_CLIENT, this.jwt.iasUrl())
			.replace("\n", " ");
	}

	/** @return the token the SaaS Provisioning service calls back with: client credentials, provider zone, Callback */
	String provisioningToken() {
		return clientCredentials(PROVIDER_ZONE, "provider", JwtFixture.XSAPPNAME + ".Callback");
	}

	/** @return a client-credentials token of the zone with the scopes */
	String clientCredentials(String zone, String subdomain, String... scopes) {
		return sign(this.jwt.xsuaaClaims()
			.claim("user_name", null)
			.claim("grant_type", "client_credentials")
			.claim("client_id", "sb-saas-provisioning!b1")
			.claim("cid", "sb-saas-provisioning!b1")
			.claim("azp", "sb-saas-provisioning!b1")
			.audience(List.of(JwtFixture.XSAPPNAME))
			.claim("zid", zone)
			.claim("ext_attr", Map.of("zdn", subdomain, "enhancer", "XSUAA"))
			.claim("scope", List.of(scopes)));
	}

	/** @return a user token of the zone with the scopes */
	String user(String zone, String subdomain, String... scopes) {
		return sign(this.jwt.xsuaaClaims()
			.claim("grant_type", "authorization_code")
			.claim("zid", zone)
			.claim("ext_attr", Map.of("zdn", subdomain))
			.claim("scope", List.of(scopes)));
	}

	private String sign(JWTClaimsSet.Builder claims) {
		return JwtFixture.sign(this.jwt.xsuaaKey, claims.jwtID(UUID.randomUUID().toString()).build());
	}

	/** @return the subscription payload of SAP's documentation for a tenant */
	static String payload(String tenantId, String subdomain, String eventType) {
		return """
				{"subscriptionAppName": "saas-app", "subscriptionAppId": "saas-app!t245397",
				 "subscribedTenantId": "%1$s", "subscribedSubaccountId": "%1$s",
				 "providerSubaccountId": "3feb0790-498e-45c1-bcc6-2d1350ef6563",
				 "subscriptionGUID": "8c0c6573-73cb-4e1c-b13c-40b6c3e91e9c", "subscribedZoneId": "%1$s",
				 "subscribedSubdomain": "%2$s", "subscribedLicenseType": "DEVELOPER", "subscriptionAppPlan": "default",
				 "userId": "martin.frick@example.com",
				 "userInfo": {"userId": "martin.frick@example.com", "userGuid": "53eb858d-7e26-49a7-8e2c-40190d2013cb",
				   "userName": "martin.frick@example.com", "email": "martin.frick@example.com", "subIdp": "I521672"},
				 "additionalInformation": {"tenantMetadataUrl": "https://%2$s.authentication.eu10.hana.ondemand.com/saml/metadata"},
				 "globalAccountGUID": "4c28a87c-ca19-45be-b884-ec6a6b3a1226", "eventType": "%3$s"}"""
			.formatted(tenantId, subdomain, eventType);
	}

	/**
	 * @return the answer of the application at the port to a request with a JSON body (or none) and
	 * a bearer token (or none)
	 */
	static HttpResponse<String> send(int port, String method, String path, String body, String token,
			String... headers) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
			.method(method, (body != null) ? HttpRequest.BodyPublishers.ofString(body)
					: HttpRequest.BodyPublishers.noBody());
		if (body != null) {
			request.header("Content-Type", "application/json");
		}
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		if (headers.length > 0) {
			request.headers(headers);
		}
		try {
			return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	void stop() {
		this.jwt.server.stop();
		this.registry.stop();
	}

}
