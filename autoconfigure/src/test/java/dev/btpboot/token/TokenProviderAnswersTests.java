package dev.btpboot.token;

import java.net.URI;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.btpboot.binding.IdentityCredentials;
import dev.btpboot.binding.XsuaaCredentials;
import dev.btpboot.testing.MutableClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.exactly;
import static com.github.tomakehurst.wiremock.client.WireMock.notContaining;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static dev.btpboot.token.TokenTestSupport.SECRET;
import static dev.btpboot.token.TokenTestSupport.tokenResponse;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every path of the providers hands back the token its own request was answered with, with that
 * answer's lifetime (issue 19 §7: the subscriber and jwt-bearer paths were called but their
 * tokens never looked at); and the token endpoint client sends a caller's extra headers but
 * never lets one replace its {@code Content-Type} or {@code Accept}. The endpoints are reached
 * through WireMock as HTTP proxy, so each request is told apart by its host and form.
 */
class TokenProviderAnswersTests {

	/** The jwt-bearer grant type as the form carries it. */
	private static final String JWT_BEARER = "urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Ajwt-bearer";

	@RegisterExtension
	static final WireMockExtension server = WireMockExtension.newInstance()
		.options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"))
		.build();

	private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));

	private final TokenProviderFactory factory = TokenTestSupport.factory(new TokenProperties(), this.clock,
			Runnable::run, TokenObserver.Factory.NONE, null, server.getPort(), new TokenTestSupport.RecordingSleeper());

	private static void answer(String host, String path, String grant, String token, long expiresIn) {
		server.stubFor(post(urlEqualTo(path))
			.withHeader("Host", equalTo(host))
			.withRequestBody(containing("grant_type=" + grant))
			.withRequestBody(notContaining("resource="))
			.willReturn(okJson(tokenResponse(token, expiresIn))));
	}

	@Test
	void xsuaaProviderSubscriberAndUserPathsEachReturnTheirOwnToken() {
		answer("provider.auth.localtest", "/oauth/token", "client_credentials", "provider-token", 3600);
		answer("tenant-a.auth.localtest", "/oauth/token", "client_credentials", "tenant-a-token", 1800);
		answer("tenant-b.auth.localtest", "/oauth/token", "client_credentials", "tenant-b-token", 900);
		answer("tenant-a.auth.localtest", "/oauth/token", JWT_BEARER, "user-a-token", 600);
		answer("provider.auth.localtest", "/oauth/token", JWT_BEARER, "provider-user-token", 300);
		TokenProvider provider = this.factory.xsuaaIssuedProvider(XsuaaCredentials.from(TokenTestSupport.binding(
				"answers", "xsuaa", Map.of("clientid", "sb-answers", "clientsecret", SECRET, "url",
						"http://provider.auth.localtest", "uaadomain", "auth.localtest", "xsappname", "answers"))));
		Instant now = this.clock.instant();
		assertThat(provider.clientCredentials()).isEqualTo(new AccessToken("provider-token", now.plusSeconds(3600)));
		assertThat(provider.clientCredentials("tenant-a"))
			.isEqualTo(new AccessToken("tenant-a-token", now.plusSeconds(1800)));
		assertThat(provider.clientCredentials("tenant-b"))
			.isEqualTo(new AccessToken("tenant-b-token", now.plusSeconds(900)));
		String userOfA = TokenTestSupport.jwt("{\"sub\":\"carol\",\"ext_attr\":{\"zdn\":\"tenant-a\"}}");
		assertThat(provider.jwtBearer(userOfA)).isEqualTo(new AccessToken("user-a-token", now.plusSeconds(600)));
		String userWithoutTenant = TokenTestSupport.jwt("{\"sub\":\"dave\"}");
		assertThat(provider.jwtBearer(userWithoutTenant))
			.isEqualTo(new AccessToken("provider-user-token", now.plusSeconds(300)));
		assertThat(provider.clientCredentials("tenant-a").value()).as("cached").isEqualTo("tenant-a-token");
		assertThat(provider.jwtBearer(userOfA).value()).as("cached").isEqualTo("user-a-token");
		server.verify(exactly(5), postRequestedFor(urlEqualTo("/oauth/token")));
	}

	@Test
	void iasOwnResourceAndUserPathsEachReturnTheirOwnToken() {
		String host = "ias-tenant.accounts.localtest";
		answer(host, "/oauth2/token", "client_credentials", "ias-client-token", 3600);
		answer(host, "/oauth2/token", JWT_BEARER, "ias-user-token", 1200);
		server.stubFor(post(urlEqualTo("/oauth2/token")).withHeader("Host", equalTo(host))
			.withRequestBody(containing("grant_type=client_credentials"))
			.withRequestBody(containing("resource=urn%3Asap%3Aidentity%3Aapplication%3Aprovider%3Aname%3Aorders-api"))
			.willReturn(okJson(tokenResponse("orders-token", 600))));
		server.stubFor(post(urlEqualTo("/oauth2/token")).withHeader("Host", equalTo(host))
			.withRequestBody(containing("jwt-bearer"))
			.withRequestBody(containing("resource=urn%3Asap%3Aidentity%3Aapplication%3Aprovider%3Aname%3Aorders-api"))
			.willReturn(okJson(tokenResponse("orders-user-token", 300))));
		IdentityTokenProvider provider = this.factory.identity(IdentityCredentials.from(TokenTestSupport.binding(
				"answers-ias", "identity", Map.of("clientid", "ias-answers", "clientsecret", SECRET, "url",
						"http://" + host, "domains", List.of("accounts.localtest")))));
		Instant now = this.clock.instant();
		String user = TokenTestSupport.jwt("{\"sub\":\"erin\"}");
		assertThat(provider.clientCredentials()).isEqualTo(new AccessToken("ias-client-token", now.plusSeconds(3600)));
		assertThat(provider.jwtBearer(user)).isEqualTo(new AccessToken("ias-user-token", now.plusSeconds(1200)));
		assertThat(provider.clientCredentialsForProvider("orders-api"))
			.isEqualTo(new AccessToken("orders-token", now.plusSeconds(600)));
		assertThat(provider.jwtBearerForProvider(user, "orders-api"))
			.isEqualTo(new AccessToken("orders-user-token", now.plusSeconds(300)));
		server.verify(exactly(4), postRequestedFor(urlEqualTo("/oauth2/token")));
	}

	@Test
	void extraHeadersAreSentButNeverReplaceContentTypeOrAccept() {
		server.stubFor(post(urlEqualTo("/oauth/token")).willReturn(okJson(tokenResponse("flow-token", 600))));
		XsuaaCredentials credentials = TokenTestSupport.xsuaa("headers", "http://provider.auth.localtest");
		TokenEndpointClient client = this.factory.client(credentials);
		Map<String, String> headers = new LinkedHashMap<>();
		headers.put("X-Flow", "token-client");
		headers.put("content-type", "application/json");
		headers.put("ACCEPT", "text/html");
		Map<String, String> form = Map.of("grant_type", "client_credentials", "client_id", "sb-headers");
		TokenEndpointClient.TokenResponse response = client
			.post(URI.create("http://provider.auth.localtest/oauth/token"), headers, form);
		assertThat(response.accessToken()).isEqualTo("flow-token");
		assertThat(response.expiresIn()).isEqualTo(600);
		server.verify(exactly(1), postRequestedFor(urlEqualTo("/oauth/token"))
			.withHeader("X-Flow", equalTo("token-client"))
			.withHeader("Content-Type", equalTo("application/x-www-form-urlencoded"))
			.withHeader("Accept", equalTo("application/json"))
			.withRequestBody(equalTo("grant_type=client_credentials&client_id=sb-headers")
				.or(equalTo("client_id=sb-headers&grant_type=client_credentials"))));
		var sent = server.getAllServeEvents().get(0).getRequest();
		assertThat(sent.header("Content-Type").values()).containsExactly("application/x-www-form-urlencoded");
		assertThat(sent.header("Accept").values()).containsExactly("application/json");
	}

}
