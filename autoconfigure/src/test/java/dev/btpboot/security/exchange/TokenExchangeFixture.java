package dev.btpboot.security.exchange;

import java.util.List;
import java.util.UUID;

import com.github.tomakehurst.wiremock.http.Fault;
import com.nimbusds.jwt.JWTClaimsSet;

import dev.btpboot.security.jwt.JwtFixture;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

/**
 * The XSUAA token endpoint of the {@link JwtFixture}'s WireMock: it exchanges IAS user tokens
 * (jwt-bearer) for XSUAA tokens signed with the fixture's XSUAA key.
 */
final class TokenExchangeFixture {

	static final String JWT_BEARER = "grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Ajwt-bearer";

	final JwtFixture jwt = new JwtFixture().start();

	/** @return a fresh IAS user token whose groups do not include Viewer */
	String iasUserToken() {
		return JwtFixture.sign(this.jwt.iasKey,
				this.jwt.iasClaims().claim("groups", List.of("ias-group")).jwtID(UUID.randomUUID().toString()).build());
	}

	/**
	 * Answers the exchange of this IAS token with an XSUAA token for the same user.
	 * @return the XSUAA token
	 */
	String exchangesTo(String iasToken, String... scopes) {
		return answersExchangeWith(iasToken,
				JwtFixture.sign(this.jwt.xsuaaKey, xsuaaUserClaims("tenant-2", scopes).build()));
	}

	/** @return the claims of an XSUAA token for the IAS token's user in this zone, with these scopes */
	JWTClaimsSet.Builder xsuaaUserClaims(String zid, String... scopes) {
		return this.jwt.xsuaaClaims()
			.claim("user_name", "bob@example.com")
			.claim("zid", zid)
			.claim("scope", List.of(scopes).stream().map((scope) -> JwtFixture.XSAPPNAME + "." + scope).toList())
			.jwtID(UUID.randomUUID().toString());
	}

	/**
	 * Answers the exchange of this IAS token with the given token.
	 * @return the token
	 */
	String answersExchangeWith(String iasToken, String xsuaaToken) {
		this.jwt.server.stubFor(post(urlPathEqualTo("/oauth/token")).withRequestBody(containing(JWT_BEARER))
			.withRequestBody(containing(iasToken))
			.willReturn(aResponse().withHeader("Content-Type", "application/json")
				.withBody("{\"access_token\":\"" + xsuaaToken + "\",\"token_type\":\"bearer\",\"expires_in\":600}")));
		return xsuaaToken;
	}

	/** @return how many times the XSUAA keys of this zone were fetched */
	int xsuaaKeyFetches(String zid) {
		return this.jwt.server
			.findAll(getRequestedFor(urlPathEqualTo("/token_keys")).withQueryParam("zid", equalTo(zid)))
			.size();
	}

	/** XSUAA refuses to exchange this IAS token. */
	void refusesToExchange(String iasToken) {
		refusesToExchange(iasToken, "invalid_grant");
	}

	/** XSUAA refuses to exchange this IAS token with this OAuth error (each a cause of its own in the log). */
	void refusesToExchange(String iasToken, String error) {
		this.jwt.server.stubFor(post(urlPathEqualTo("/oauth/token")).withRequestBody(containing(JWT_BEARER))
			.withRequestBody(containing(iasToken))
			.willReturn(aResponse().withStatus(401)
				.withHeader("Content-Type", "application/json")
				.withBody("{\"error\":\"" + error + "\",\"error_description\":\"User token not accepted\"}")));
	}

	/** XSUAA is down for the exchange of this IAS token: it answers 503. */
	void isUnavailableFor(String iasToken) {
		this.jwt.server.stubFor(post(urlPathEqualTo("/oauth/token")).withRequestBody(containing(JWT_BEARER))
			.withRequestBody(containing(iasToken))
			.willReturn(aResponse().withStatus(503).withBody("upstream connect error")));
	}

	/** XSUAA's connection breaks off for the exchange of this IAS token. */
	void dropsTheConnectionFor(String iasToken) {
		this.jwt.server.stubFor(post(urlPathEqualTo("/oauth/token")).withRequestBody(containing(JWT_BEARER))
			.withRequestBody(containing(iasToken))
			.willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
	}

	/** @return how many exchange requests there were in all */
	int exchangeRequests() {
		return this.jwt.server
			.findAll(postRequestedFor(urlPathEqualTo("/oauth/token")).withRequestBody(containing(JWT_BEARER)))
			.size();
	}

	void verifyOneExchange(String iasToken) {
		this.jwt.server.verify(1, postRequestedFor(urlPathEqualTo("/oauth/token"))
			.withRequestBody(containing(JWT_BEARER))
			.withRequestBody(containing(iasToken)));
	}

}
