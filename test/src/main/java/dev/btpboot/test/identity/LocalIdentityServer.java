package dev.btpboot.test.identity;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

/**
 * An XSUAA and an SAP Cloud Identity Services tenant on loopback (WireMock, dynamic port) for
 * tests: XSUAA keys at {@code http://127.0.0.1:<port>/token_keys} and token endpoint
 * {@code /oauth/token}; IAS at {@code http://localhost:<port>} with OIDC discovery, keys
 * ({@code /oauth2/certs}) and token endpoint {@code /oauth2/token}. The two differ by host name,
 * so tokens are routed to the right validator by their issuer as in production.
 * {@link #vcapServices(boolean, boolean)} binds an application to it; the application then runs
 * in JWT mode with its ordinary, unweakened validation (plain HTTP is accepted for loopback
 * hosts only).
 */
public final class LocalIdentityServer {

	/** The xsappname of the default server. */
	public static final String DEFAULT_XSAPPNAME = "test-app!t1";

	/** The client id of the consumer application in {@link #iasClientCredentialsToken()}. */
	public static final String CONSUMER_CLIENT_ID = "consumer-client";

	private static final Map<String, LocalIdentityServer> shared = new ConcurrentHashMap<>();

	private final WireMockServer server = new WireMockServer(
			WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1"));

	private final String xsAppName;

	private final RSAKey xsuaaKey = newKey("xsuaa-test-key");

	private final RSAKey iasKey = newKey("ias-test-key");

	private LocalIdentityServer(String xsAppName) {
		this.xsAppName = xsAppName;
	}

	/**
	 * Starts a server of one's own; {@link #stop()} it when done.
	 * @param xsAppName the xsappname of the XSUAA binding
	 * @return the running server
	 */
	public static LocalIdentityServer start(String xsAppName) {
		LocalIdentityServer identityServer = new LocalIdentityServer(xsAppName);
		identityServer.server.start();
		identityServer.stub();
		return identityServer;
	}

	/**
	 * The server shared by all tests of this JVM with the same xsappname, stopped when the JVM
	 * exits; test contexts bound to it can be cached like any other.
	 * @param xsAppName the xsappname of the XSUAA binding
	 * @return the running server
	 */
	public static LocalIdentityServer shared(String xsAppName) {
		return shared.computeIfAbsent(xsAppName, (name) -> {
			LocalIdentityServer identityServer = start(name);
			Runtime.getRuntime().addShutdownHook(new Thread(identityServer::stop));
			return identityServer;
		});
	}

	/** Stops the server. */
	public void stop() {
		this.server.stop();
	}

	/** @return the port the server listens on (127.0.0.1) */
	public int port() {
		return this.server.port();
	}

	/** @return the {@code uaadomain} of the XSUAA binding */
	public String uaaDomain() {
		return "127.0.0.1:" + port();
	}

	/** @return the {@code url} of the identity binding, the issuer of IAS tokens */
	public String iasUrl() {
		return "http://localhost:" + port();
	}

	/** @return the {@code xsappname} of the XSUAA binding */
	public String xsAppName() {
		return this.xsAppName;
	}

	/** @return the {@code clientid} of the XSUAA binding */
	public String xsuaaClientId() {
		return "sb-" + this.xsAppName;
	}

	/** @return the {@code clientid} of the identity binding */
	public String iasClientId() {
		return "ias-" + this.xsAppName.replace('!', '-');
	}

	/**
	 * A {@code VCAP_SERVICES} document binding an application to this server.
	 * @param xsuaa whether to include an xsuaa binding
	 * @param identity whether to include an identity binding
	 * @return the JSON document
	 */
	public String vcapServices(boolean xsuaa, boolean identity) {
		List<String> services = new ArrayList<>();
		if (xsuaa) {
			services.add("\"xsuaa\":[{\"name\":\"local-xsuaa\",\"label\":\"xsuaa\",\"tags\":[\"xsuaa\"],"
					+ "\"credentials\":{\"clientid\":\"" + xsuaaClientId() + "\",\"clientsecret\":\"local-xsuaa-secret\","
					+ "\"url\":\"http://" + uaaDomain() + "\",\"uaadomain\":\"" + uaaDomain() + "\",\"xsappname\":\""
					+ this.xsAppName + "\"}}]");
		}
		if (identity) {
			services.add("\"identity\":[{\"name\":\"local-identity\",\"label\":\"identity\",\"credentials\":{"
					+ "\"clientid\":\"" + iasClientId() + "\",\"clientsecret\":\"local-ias-secret\",\"url\":\"" + iasUrl()
					+ "\",\"domains\":[\"localhost\"]}}]");
		}
		return "{" + String.join(",", services) + "}";
	}

	/** @return a builder of a valid XSUAA user token for the bound application */
	public TestTokenBuilder xsuaaToken() {
		return new TestTokenBuilder(this.xsuaaKey, true, this.xsAppName, xsuaaClaims(), false);
	}

	/**
	 * A token the bound application's own XSUAA client fetched with {@code grant_type=client_credentials}
	 * (change the client with {@link TestTokenBuilder#client(String)}): no {@code user_name}; the
	 * application sees a technical caller named by the client id, with the token's scopes.
	 * @return a builder of a valid XSUAA client-credentials token
	 */
	public TestTokenBuilder xsuaaClientCredentialsToken() {
		JWTClaimsSet.Builder claims = xsuaaClaims().claim("user_name", null)
			.claim("grant_type", "client_credentials")
			.claim("client_id", xsuaaClientId())
			.subject(xsuaaClientId());
		return new TestTokenBuilder(this.xsuaaKey, true, this.xsAppName, claims, true);
	}

	private JWTClaimsSet.Builder xsuaaClaims() {
		return new JWTClaimsSet.Builder().issuer("http://" + uaaDomain() + "/oauth/token")
			.audience(List.of(xsuaaClientId()))
			.claim("azp", xsuaaClientId())
			.claim("cid", xsuaaClientId())
			.claim("user_name", "test-user")
			.subject("test-user")
			.claim("zid", "test-tenant");
	}

	/** @return a builder of a valid IAS user token for the bound application */
	public TestTokenBuilder iasToken() {
		return new TestTokenBuilder(this.iasKey, false, this.xsAppName,
				new JWTClaimsSet.Builder().issuer(iasUrl())
					.audience(iasClientId())
					.claim("azp", iasClientId())
					.claim("email", "test-user@example.com")
					.subject("test-user@example.com")
					.claim("app_tid", "test-tenant"), false);
	}

	/**
	 * A token a consumer application ({@value #CONSUMER_CLIENT_ID}; change it with
	 * {@link TestTokenBuilder#client(String)}) fetched from IAS with
	 * {@code grant_type=client_credentials} for the bound application (App2App): {@code sub} and
	 * {@code azp} are the consumer's client id, {@code aud} the bound client id, no user. The
	 * application sees a technical caller named by the consumer's client id, with the API permission
	 * groups of {@link TestTokenBuilder#apis(String...)} and the {@code groups} as authorities; a
	 * token for another {@link TestTokenBuilder#audience(String...) audience} gets a 401.
	 * @return a builder of a valid IAS client-credentials token
	 */
	public TestTokenBuilder iasClientCredentialsToken() {
		return new TestTokenBuilder(this.iasKey, false, this.xsAppName,
				new JWTClaimsSet.Builder().issuer(iasUrl())
					.audience(iasClientId())
					.claim("azp", CONSUMER_CLIENT_ID)
					.subject(CONSUMER_CLIENT_ID)
					.claim("app_tid", "test-tenant"), true);
	}

	private void stub() {
		this.server.stubFor(get(urlPathEqualTo("/token_keys")).willReturn(json(keys(this.xsuaaKey))));
		this.server.stubFor(get(urlPathEqualTo("/.well-known/openid-configuration"))
			.willReturn(json("{\"issuer\":\"" + iasUrl() + "\",\"jwks_uri\":\"" + iasUrl() + "/oauth2/certs\","
					+ "\"token_endpoint\":\"" + iasUrl() + "/oauth2/token\"}")));
		this.server.stubFor(get(urlPathEqualTo("/oauth2/certs")).willReturn(json(keys(this.iasKey))));
		// Client-credentials tokens, valid for a day, for code under test that fetches its own tokens.
		this.server.stubFor(post(urlPathEqualTo("/oauth/token")).willReturn(json(tokenResponse(
				xsuaaClientCredentialsToken().expiresIn(Duration.ofDays(1)).build()))));
		this.server.stubFor(post(urlPathEqualTo("/oauth2/token")).willReturn(json(tokenResponse(
				iasClientCredentialsToken().client(iasClientId()).expiresIn(Duration.ofDays(1)).build()))));
	}

	private static String tokenResponse(String token) {
		return "{\"access_token\":\"" + token + "\",\"token_type\":\"bearer\",\"expires_in\":86400}";
	}

	private static String keys(RSAKey key) {
		return new JWKSet(key).toPublicJWKSet().toString();
	}

	private static ResponseDefinitionBuilder json(String body) {
		return aResponse().withHeader("Content-Type", "application/json").withBody(body);
	}

	private static RSAKey newKey(String kid) {
		try {
			return new RSAKeyGenerator(2048).keyID(kid).generate();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
