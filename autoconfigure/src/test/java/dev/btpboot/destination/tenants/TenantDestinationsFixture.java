package dev.btpboot.destination.tenants;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.btpboot.security.jwt.JwtFixture;

import org.springframework.test.context.DynamicPropertyRegistry;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

/**
 * A provider and two subscriber tenants whose destination {@code backend} differs in URL,
 * credentials and route, all served by WireMock: the {@link JwtFixture}'s XSUAA and IAS (keys, and
 * the token endpoint at {@code http://127.0.0.1:<port>}, a host without a subdomain label, which
 * answers each tenant named by {@code x-zid} with a token of its own), the Destination service
 * (which answers each tenant's token with that tenant's destination), an Internet system and the
 * connectivity proxy.
 * <ul>
 * <li>tenant A: Internet, {@code <systems>/a}, {@code OAuth2ClientCredentials} (the service's
 * auth token {@code a-system-token});</li>
 * <li>tenant B: OnPremise through the proxy, {@code http://erp-b.virtual:44300/b},
 * {@code BasicAuthentication} {@code b-user}, location {@code loc-b};</li>
 * <li>the provider: Internet, {@code <systems>/provider}, {@code BasicAuthentication}
 * {@code p-user}.</li>
 * </ul>
 */
final class TenantDestinationsFixture {

	static final String PROVIDER_ZONE = "8e1f0d2c-provider-zone";

	static final String TENANT_A = "3c5a9b7e-tenant-a-zone";

	static final String TENANT_B = "6d2e8f1a-tenant-b-zone";

	static final String B_PASSWORD = "b-Passw0rd-never-logged";

	static final String P_PASSWORD = "p-Passw0rd-never-logged";

	static final String DESTINATION_CLIENT = "sb-dest!b1";

	static final String CONNECTIVITY_CLIENT = "sb-conn!b2";

	private static final String DESTINATIONS = "/destination-configuration/v1/destinations/";

	final JwtFixture jwt = new JwtFixture().start();

	final WireMockServer systems = new WireMockServer(
			WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1"));

	final WireMockServer proxy = new WireMockServer(
			WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1"));

	TenantDestinationsFixture() {
		this.systems.start();
		this.proxy.start();
		this.systems.stubFor(get(urlPathMatching("/.*")).willReturn(ok("internet system")));
		this.proxy.stubFor(get(urlPathMatching("/.*")).willReturn(ok("on-premise system")));
		for (String client : List.of(DESTINATION_CLIENT, CONNECTIVITY_CLIENT)) {
			String prefix = client.startsWith("sb-dest") ? "dest-" : "conn-";
			stubClientToken(client, null, prefix + "provider");
			stubClientToken(client, TENANT_A, prefix + "A");
			stubClientToken(client, TENANT_B, prefix + "B");
		}
		stubDestination("dest-provider", """
				{"Name":"backend","Type":"HTTP","URL":"%s/provider","ProxyType":"Internet",
				 "Authentication":"BasicAuthentication","User":"p-user","Password":"%s"}"""
			.formatted(this.systems.baseUrl(), P_PASSWORD), "");
		stubDestination("dest-A", """
				{"Name":"backend","Type":"HTTP","URL":"%s/a","ProxyType":"Internet",
				 "Authentication":"OAuth2ClientCredentials","URL.headers.x-tenant-system":"a"}"""
			.formatted(this.systems.baseUrl()),
				"{\"type\":\"Bearer\",\"value\":\"a-system-token\",\"http_header\":{\"key\":\"Authorization\","
						+ "\"value\":\"Bearer a-system-token\"},\"expires_in\":\"3600\"}");
		stubDestination("dest-B", """
				{"Name":"backend","Type":"HTTP","URL":"http://erp-b.virtual:44300/b","ProxyType":"OnPremise",
				 "CloudConnectorLocationId":"loc-b","Authentication":"BasicAuthentication","User":"b-user",
				 "Password":"%s","URL.queries.sap-client":"200"}""".formatted(B_PASSWORD), "");
	}

	/** XSUAA answers the client's request for the tenant ({@code x-zid}; none: the binding's own) with a token. */
	private void stubClientToken(String client, String tenant, String token) {
		this.jwt.server.stubFor(post(urlPathEqualTo("/oauth/token"))
			.withRequestBody(containing("client_id=" + client.replace("!", "%21")))
			.withRequestBody(containing("grant_type=client_credentials"))
			.withHeader("x-zid", (tenant != null) ? equalTo(tenant) : absent())
			.willReturn(okJson("{\"access_token\":\"" + token + "\",\"token_type\":\"bearer\",\"expires_in\":3600}")));
	}

	/** The Destination service answers the tenant's token with its destination {@code backend}. */
	private void stubDestination(String serviceToken, String configuration, String authTokens) {
		this.jwt.server.stubFor(get(urlPathEqualTo(DESTINATIONS + "backend"))
			.withHeader("Authorization", equalTo("Bearer " + serviceToken))
			.willReturn(okJson("{\"owner\":{\"SubaccountId\":\"sub\",\"InstanceId\":null},\"destinationConfiguration\":"
					+ configuration.replace("\n", "") + ",\"authTokens\":[" + authTokens + "],\"certificates\":[]}")));
	}

	/** @return xsuaa and identity of the {@link JwtFixture}, and destination and connectivity bindings of the provider */
	String vcapServices() {
		String idp = this.jwt.vcapServices(true, true);
		String tokenUrl = "http://" + this.jwt.uaaDomain();
		String destination = """
				"destination": [{"name": "dest", "label": "destination", "plan": "lite", "tags": ["destination"],
				  "credentials": {"clientid": "%s", "clientsecret": "dest-secret-never-logged", "url": "%s",
				    "uri": "%s", "identityzone": "provider", "tenantid": "%s", "tenantmode": "dedicated"}}]"""
			.formatted(DESTINATION_CLIENT, tokenUrl, this.jwt.server.baseUrl(), PROVIDER_ZONE);
		String connectivity = """
				"connectivity": [{"name": "conn", "label": "connectivity", "plan": "lite", "tags": ["connectivity"],
				  "credentials": {"clientid": "%s", "clientsecret": "conn-secret-never-logged", "url": "%s",
				    "token_service_url": "%s", "onpremise_proxy_host": "127.0.0.1", "onpremise_proxy_http_port": "%d",
				    "onpremise_proxy_port": "%d", "onpremise_socks5_proxy_port": "1", "identityzone": "provider",
				    "tenantid": "%s"}}]"""
			.formatted(CONNECTIVITY_CLIENT, tokenUrl, tokenUrl, this.proxy.port(), this.proxy.port(), PROVIDER_ZONE);
		return (idp.substring(0, idp.length() - 1) + ", " + destination + ", " + connectivity + "}").replace("\n", " ");
	}

	/** Sets the bindings of the application and the destination of its HTTP service group. */
	void register(DynamicPropertyRegistry registry) {
		registry.add("VCAP_SERVICES", this::vcapServices);
		registry.add("btp.destinations.http-services.backend", () -> "backend");
	}

	/** @return a token of an XSUAA user of the zone */
	String xsuaaUser(String zone, String subdomain) {
		return JwtFixture.sign(this.jwt.xsuaaKey,
				this.jwt.xsuaaClaims()
					.claim("zid", zone)
					.claim("ext_attr", Map.of("zdn", subdomain))
					.jwtID(UUID.randomUUID().toString())
					.build());
	}

	/** @return a token of an IAS user of the application tenant */
	String iasUser(String appTid) {
		return JwtFixture.sign(this.jwt.iasKey,
				this.jwt.iasClaims().claim("app_tid", appTid).jwtID(UUID.randomUUID().toString()).build());
	}

	/**
	 * XSUAA exchanges the IAS token, asked for in the user's zone ({@code x-zid} = its
	 * {@code app_tid}), for an XSUAA token of the same zone.
	 */
	void exchangesIasUser(String iasToken, String appTid) {
		String xsuaaToken = JwtFixture.sign(this.jwt.xsuaaKey,
				this.jwt.xsuaaClaims()
					.claim("user_name", "bob@example.com")
					.claim("zid", appTid)
					.jwtID(UUID.randomUUID().toString())
					.build());
		this.jwt.server.stubFor(post(urlPathEqualTo("/oauth/token"))
			.withRequestBody(containing("grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Ajwt-bearer"))
			.withRequestBody(containing(iasToken))
			.withHeader("x-zid", equalTo(appTid))
			.willReturn(okJson("{\"access_token\":\"" + xsuaaToken + "\",\"token_type\":\"bearer\",\"expires_in\":600}")));
	}

	/** @return the one request the Internet system received since the last reset */
	LoggedRequest internetRequest() {
		List<LoggedRequest> requests = this.systems.findAll(anyRequestedFor(anyUrl()));
		return (requests.size() == 1) ? requests.get(0) : null;
	}

	/** @return the one request the connectivity proxy received since the last reset */
	LoggedRequest proxiedRequest() {
		List<LoggedRequest> requests = this.proxy.findAll(anyRequestedFor(anyUrl()));
		return (requests.size() == 1) ? requests.get(0) : null;
	}

	/** @return how many client-credentials tokens the client asked for with this {@code x-zid} */
	int tokenRequests(String client, String tenant) {
		return this.jwt.server.findAll(postRequestedFor(urlPathEqualTo("/oauth/token"))
			.withRequestBody(containing("client_id=" + client.replace("!", "%21")))
			.withHeader("x-zid", (tenant != null) ? equalTo(tenant) : absent())).size();
	}

	void resetRequests() {
		this.jwt.server.resetRequests();
		this.systems.resetRequests();
		this.proxy.resetRequests();
	}

	void stop() {
		this.jwt.server.stop();
		this.systems.stop();
		this.proxy.stop();
	}

}
