package dev.btpboot.security.jwt;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.btpboot.binding.ClientSecret;
import dev.btpboot.binding.IdentityCredentials;
import dev.btpboot.binding.XsuaaCredentials;
import dev.btpboot.token.BtpHttpProperties;
import dev.btpboot.token.ResponseBodies;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

/**
 * A WireMock XSUAA and IAS on loopback for the security tests: XSUAA keys under
 * {@code 127.0.0.1:<port>}, IAS discovery and keys under {@code localhost:<port>}, so the two
 * issuers differ, plus signing of tokens.
 */
public final class JwtFixture {

	/** Reads key and discovery answers up to the default {@code btp.http.max-response-size}. */
	static final ResponseBodies BODIES = new ResponseBodies(new BtpHttpProperties().getMaxResponseSize());

	public static final String XSAPPNAME = "myapp!t1";

	public static final String XSUAA_CLIENT = "sb-myapp!t1";

	public static final String IAS_CLIENT = "ias-client-1";

	public final WireMockServer server = new WireMockServer(
			WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1"));

	public final RSAKey xsuaaKey = key("xsuaa-key-1");

	public final RSAKey iasKey = key("ias-key-1");

	public JwtFixture start() {
		this.server.start();
		stubKeys();
		return this;
	}

	/** (Re)publishes the XSUAA keys and the IAS discovery document and keys. */
	public void stubKeys() {
		publishXsuaaKeys(this.xsuaaKey);
		this.server.stubFor(get(urlPathEqualTo("/.well-known/openid-configuration")).willReturn(json(
				"{\"issuer\":\"" + iasUrl() + "\",\"jwks_uri\":\"" + iasUrl() + "/oauth2/certs\"}")));
		// Like IAS: keys only for a request that names our client (x-client_id), else 400.
		this.server.stubFor(get(urlPathEqualTo("/oauth2/certs")).atPriority(10)
			.willReturn(aResponse().withStatus(400)
				.withHeader("Content-Type", "application/json")
				.withBody("{\"error\":\"Invalid x-client_id or x-app_tid provided\"}")));
		this.server.stubFor(get(urlPathEqualTo("/oauth2/certs")).atPriority(5)
			.withHeader("x-client_id", equalTo(IAS_CLIENT))
			.willReturn(json(jwks(this.iasKey))));
	}

	/** The identity service refuses keys (400) for tokens of this tenant, as for one not subscribed. */
	public void refuseIasKeysForTenant(String appTid) {
		this.server.stubFor(get(urlPathEqualTo("/oauth2/certs")).atPriority(1)
			.withHeader("x-app_tid", equalTo(appTid))
			.willReturn(aResponse().withStatus(400)
				.withHeader("Content-Type", "application/json")
				.withBody("{\"error\":\"Invalid x-client_id or x-app_tid provided\"}")));
	}

	/**
	 * Publishes an IAS tenant at {@code http://<host>:<port>}, reached through this server as proxy
	 * (loopback names have no DNS entry): its discovery document and keys.
	 */
	public void publishIasTenant(String host, RSAKey key) {
		String issuer = "http://" + host + ":" + this.server.port();
		this.server.stubFor(get(urlPathEqualTo("/.well-known/openid-configuration")).atPriority(1)
			.withHost(equalTo(host))
			.willReturn(json("{\"issuer\":\"" + issuer + "\",\"jwks_uri\":\"" + issuer + "/oauth2/certs\"}")));
		this.server.stubFor(get(urlPathEqualTo("/oauth2/certs")).atPriority(1)
			.withHost(equalTo(host))
			.withHeader("x-client_id", equalTo(IAS_CLIENT))
			.willReturn(json(jwks(key))));
	}

	/** Publishes keys for one XSUAA zone only: {@code /token_keys?zid=<zid>} with header {@code x-zid}. */
	public void publishXsuaaZoneKeys(String zid, RSAKey... keys) {
		this.server.stubFor(get(urlPathEqualTo("/token_keys")).atPriority(1)
			.withQueryParam("zid", equalTo(zid))
			.withHeader("x-zid", equalTo(zid))
			.willReturn(json(jwks(keys))));
	}

	public void publishXsuaaKeys(RSAKey... keys) {
		this.server.stubFor(get(urlPathEqualTo("/token_keys")).willReturn(json(jwks(keys))));
	}

	/**
	 * The authenticator the chains of both stacks use, verifying tokens of this fixture's XSUAA and
	 * IAS, for tests of the stack-specific parts in other packages.
	 */
	public BearerTokenAuthenticator authenticator(Clock clock) {
		XsuaaCredentials xsuaa = new XsuaaCredentials("x", XSUAA_CLIENT, new ClientSecret("s"),
				URI.create("http://" + uaaDomain()), uaaDomain(), XSAPPNAME, null, null, null);
		IdentityCredentials identity = new IdentityCredentials("i", IAS_CLIENT, new ClientSecret("s"),
				URI.create(iasUrl()), List.of("accounts.example.com"), null);
		// Generous: a test that loads the keys first meets a cold WireMock, on a machine maybe busy.
		KeysHttpClient http = new KeysHttpClient(Duration.ofSeconds(10), Duration.ofSeconds(30), BODIES);
		Rs256Decoders decoders = new Rs256Decoders(clock, List.of());
		BtpJwtDecoder decoder = new BtpJwtDecoder(
				List.of(new IasIssuer(identity, http, decoders), new XsuaaIssuer(xsuaa, http, decoders)), clock);
		return new BearerTokenAuthenticator(decoder,
				new BtpJwtAuthenticationConverter(List.of(new IasUsers(identity), new XsuaaUsers(xsuaa))));
	}

	public static RSAKey key(String kid) {
		try {
			return new RSAKeyGenerator(2048).keyID(kid).generate();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

	public String uaaDomain() {
		return "127.0.0.1:" + this.server.port();
	}

	public String iasUrl() {
		return "http://localhost:" + this.server.port();
	}

	public String vcapServices(boolean xsuaa, boolean identity) {
		String xsuaaBinding = "{\"name\":\"my-xsuaa\",\"label\":\"xsuaa\",\"tags\":[\"xsuaa\"],\"credentials\":{"
				+ "\"clientid\":\"" + XSUAA_CLIENT + "\",\"clientsecret\":\"xsuaa-secret-value\",\"url\":\"http://"
				+ uaaDomain() + "\",\"uaadomain\":\"" + uaaDomain() + "\",\"xsappname\":\"" + XSAPPNAME + "\"}}";
		String identityBinding = "{\"name\":\"my-ias\",\"label\":\"identity\",\"credentials\":{\"clientid\":\""
				+ IAS_CLIENT + "\",\"clientsecret\":\"ias-secret-value\",\"url\":\"" + iasUrl()
				+ "\",\"domains\":[\"accounts.example.com\"]}}";
		return "{" + (xsuaa ? "\"xsuaa\":[" + xsuaaBinding + "]" : "") + ((xsuaa && identity) ? "," : "")
				+ (identity ? "\"identity\":[" + identityBinding + "]" : "") + "}";
	}

	public JWTClaimsSet.Builder xsuaaClaims() {
		Instant now = Instant.now();
		return new JWTClaimsSet.Builder().issuer("http://" + uaaDomain() + "/oauth/token")
			.audience(List.of(XSUAA_CLIENT))
			.claim("azp", XSUAA_CLIENT)
			.claim("scope", List.of(XSAPPNAME + ".Viewer", "openid"))
			.claim("user_name", "alice")
			.claim("zid", "tenant-1")
			.issueTime(java.util.Date.from(now))
			.expirationTime(java.util.Date.from(now.plusSeconds(600)));
	}

	public JWTClaimsSet.Builder iasClaims() {
		Instant now = Instant.now();
		return new JWTClaimsSet.Builder().issuer(iasUrl())
			.audience(IAS_CLIENT)
			.subject("user-uuid-2")
			.claim("email", "bob@example.com")
			.claim("groups", List.of("Viewer"))
			.claim("app_tid", "tenant-2")
			.issueTime(java.util.Date.from(now))
			.expirationTime(java.util.Date.from(now.plusSeconds(600)));
	}

	public static String sign(RSAKey key, JWTClaimsSet claims) {
		return sign(key, claims, (header) -> {
		});
	}

	public static String sign(RSAKey key, JWTClaimsSet claims, Consumer<JWSHeader.Builder> header) {
		try {
			JWSHeader.Builder builder = new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID());
			header.accept(builder);
			SignedJWT jwt = new SignedJWT(builder.build(), claims);
			jwt.sign(new RSASSASigner(key));
			return jwt.serialize();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String jwks(RSAKey... keys) {
		return new JWKSet(List.of(keys)).toPublicJWKSet().toString();
	}

	private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(String body) {
		return aResponse().withHeader("Content-Type", "application/json").withBody(body);
	}

}
