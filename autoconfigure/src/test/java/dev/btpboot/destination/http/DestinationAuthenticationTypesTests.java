package dev.btpboot.destination.http;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.btpboot.destination.DestinationException;
import dev.btpboot.destination.DestinationOptions;
import dev.btpboot.security.BtpUser;
import dev.btpboot.testing.DebugLogging;
import dev.btpboot.testing.FakeConnectivityTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolder;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The authentication types of HTTP destinations whose credentials the Destination service
 * computes or the application forwards: {@code OAuth2Password} and {@code OAuth2ClientCredentials}
 * with the {@code authTokens} of the service's answer, {@code OAuth2RefreshToken} with the
 * caller's refresh token as {@code X-refresh-token}, and token forwarding ({@code TokenForwarding},
 * {@code forwardAuthToken}). The service's answers are shaped as SAP documents "Find a destination"
 * (lower-case {@code bearer}, {@code expires_in} as a string, {@code scope}, an {@code error}
 * entry when it cannot get a token).
 */
@ExtendWith({ OutputCaptureExtension.class, DebugLogging.class })
class DestinationAuthenticationTypesTests {

	private static final String PATH = "/destination-configuration/v1/destinations/";

	private static final String ALICE_JWT = FakeConnectivityTokens.jwt("{\"user_name\":\"alice\",\"zid\":\"t-a\"}");

	private static final String BOB_JWT = FakeConnectivityTokens.jwt("{\"user_name\":\"bob\",\"zid\":\"t-a\"}");

	private static final String CLIENT_SECRET = "client-S3cr3t-never-logged";

	private static final WireMockServer service = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));

	private static final WireMockServer target = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));

	private final ApplicationContextRunner runner = DestinationHttpContexts.withDestinationService(service.baseUrl());

	@BeforeAll
	static void start() {
		service.start();
		target.start();
		target.stubFor(get(anyUrl()).willReturn(ok("items")));
	}

	@AfterAll
	static void stop() {
		service.stop();
		target.stop();
	}

	@BeforeEach
	void reset() {
		service.resetAll();
		target.resetRequests();
	}

	@AfterEach
	void signOut() {
		SecurityContextHolder.clearContext();
	}

	private static void signIn(String jwt) {
		BtpUser user = new BtpUser("alice", "t-a", "tenant-a", null, null, null, jwt);
		SecurityContextHolder.getContext().setAuthentication(new TestingAuthenticationToken(user, null));
	}

	/** The Destination service's answer for destination {@code name}: configuration and authTokens. */
	private static String answer(String name, String properties, String authTokens) {
		return """
				{"owner": {"SubaccountId": "9b2c6c9e-sub", "InstanceId": null},
				 "destinationConfiguration": {"Name": "%s", "Type": "HTTP", "URL": "%s/%s", "ProxyType": "Internet",
				  %s},
				 "authTokens": [%s]}""".formatted(name, target.baseUrl(), name, properties, authTokens);
	}

	/** An {@code authTokens} entry as the service returns it for every OAuth2 type. */
	private static String bearer(String token) {
		return """
				{"type": "bearer", "value": "%s", "http_header": {"key": "Authorization", "value": "Bearer %s"},
				 "expires_in": "3599", "scope": "uaa.user"}""".formatted(token, token);
	}

	private static String call(ApplicationContext context, String name, DestinationOptions options) {
		return context.getBean(DestinationClients.class)
			.restClient(name, options)
			.build()
			.get()
			.uri("/items")
			.retrieve()
			.body(String.class);
	}

	@Test
	void oauth2PasswordSendsTheTokenTheServiceGotWithTheDestinationsUser(CapturedOutput output) {
		String accessToken = FakeConnectivityTokens.jwt("{\"grant\":\"password\",\"user_name\":\"technical\"}");
		service.stubFor(get(urlPathEqualTo(PATH + "password")).willReturn(okJson(answer("password", """
				"Authentication": "OAuth2Password", "tokenServiceURL": "https://uaa.example.com/oauth/token",
				"tokenServiceURLType": "Dedicated", "clientId": "client", "clientSecret": "%s", "User": "technical",
				"Password": "%s\"""".formatted(CLIENT_SECRET, CLIENT_SECRET), bearer(accessToken)))));
		this.runner.run((context) -> {
			assertThat(call(context, "password", DestinationOptions.none())).isEqualTo("items");
			assertThat(call(context, "password", DestinationOptions.none())).isEqualTo("items");
		});
		target.verify(2, getRequestedFor(urlPathEqualTo("/password/items")).withHeader(HttpHeaders.AUTHORIZATION,
				equalTo("Bearer " + accessToken)));
		// The token is valid for an hour: the second request uses the cached answer.
		service.verify(1, getRequestedFor(urlPathEqualTo(PATH + "password")));
		assertThat(output).doesNotContain(accessToken).doesNotContain(CLIENT_SECRET);
	}

	@Test
	void oauth2ClientCredentialsOfTwoDestinationsSendEachItsOwnToken() {
		String first = FakeConnectivityTokens.jwt("{\"grant\":\"client_credentials\",\"cid\":\"first\"}");
		String second = FakeConnectivityTokens.jwt("{\"grant\":\"client_credentials\",\"cid\":\"second\"}");
		service.stubFor(get(urlPathEqualTo(PATH + "first")).willReturn(
				okJson(answer("first", "\"Authentication\": \"OAuth2ClientCredentials\"", bearer(first)))));
		service.stubFor(get(urlPathEqualTo(PATH + "second")).willReturn(
				okJson(answer("second", "\"Authentication\": \"OAuth2ClientCredentials\"", bearer(second)))));
		this.runner.run((context) -> {
			call(context, "first", DestinationOptions.none());
			call(context, "second", DestinationOptions.none());
		});
		target.verify(getRequestedFor(urlPathEqualTo("/first/items")).withHeader(HttpHeaders.AUTHORIZATION,
				equalTo("Bearer " + first)));
		target.verify(getRequestedFor(urlPathEqualTo("/second/items")).withHeader(HttpHeaders.AUTHORIZATION,
				equalTo("Bearer " + second)));
	}

	@Test
	void oauth2RefreshTokenSendsEachCallersRefreshTokenAndKeepsItsAnswerForItAlone(CapturedOutput output) {
		String refreshA = "refresh-token-A-never-logged";
		String refreshB = "refresh-token-B-never-logged";
		String tokenA = FakeConnectivityTokens.jwt("{\"grant\":\"refresh_token\",\"user_name\":\"a\"}");
		String tokenB = FakeConnectivityTokens.jwt("{\"grant\":\"refresh_token\",\"user_name\":\"b\"}");
		String properties = "\"Authentication\": \"OAuth2RefreshToken\", \"tokenServiceURL\": "
				+ "\"https://uaa.example.com/oauth/token\", \"clientId\": \"client\"";
		service.stubFor(get(urlPathEqualTo(PATH + "crm")).withHeader("X-refresh-token", equalTo(refreshA))
			.willReturn(okJson(answer("crm", properties, bearer(tokenA)))));
		service.stubFor(get(urlPathEqualTo(PATH + "crm")).withHeader("X-refresh-token", equalTo(refreshB))
			.willReturn(okJson(answer("crm", properties, bearer(tokenB)))));
		this.runner.run((context) -> {
			call(context, "crm", DestinationOptions.none().withRefreshToken(refreshA));
			call(context, "crm", DestinationOptions.none().withRefreshToken(refreshB));
			call(context, "crm", DestinationOptions.none().withRefreshToken(refreshA));
		});
		target.verify(2, getRequestedFor(urlPathEqualTo("/crm/items")).withHeader(HttpHeaders.AUTHORIZATION,
				equalTo("Bearer " + tokenA)));
		target.verify(1, getRequestedFor(urlPathEqualTo("/crm/items")).withHeader(HttpHeaders.AUTHORIZATION,
				equalTo("Bearer " + tokenB)));
		service.verify(1, getRequestedFor(urlPathEqualTo(PATH + "crm")).withHeader("X-refresh-token", equalTo(refreshA)));
		service.verify(1, getRequestedFor(urlPathEqualTo(PATH + "crm")).withHeader("X-refresh-token", equalTo(refreshB)));
		assertThat(output).doesNotContain(refreshA).doesNotContain(refreshB).doesNotContain(tokenA);
	}

	@Test
	void oauth2RefreshTokenWithoutARefreshTokenQuotesTheServicesError() {
		service.stubFor(get(urlPathEqualTo(PATH + "crm")).withHeader("X-refresh-token", absent())
			.willReturn(okJson(answer("crm", "\"Authentication\": \"OAuth2RefreshToken\"",
					"{\"type\": \"\", \"value\": \"\", \"error\": \"Missing refresh token header\", "
							+ "\"expires_in\": \"0\"}"))));
		this.runner.run((context) -> assertThatExceptionOfType(DestinationException.class)
			.isThrownBy(() -> call(context, "crm", DestinationOptions.none()))
			.withMessageContaining("Destination 'crm' for the provider tenant")
			.withMessageContaining("the Destination service could not obtain a token for OAuth2RefreshToken: "
					+ "\"Missing refresh token header\""));
		assertThat(target.findAll(anyRequestedFor(anyUrl()))).isEmpty();
	}

	@Test
	void tokenForwardingSendsEachSignedInUsersOwnToken() {
		service.stubFor(get(urlPathEqualTo(PATH + "backend"))
			.willReturn(okJson(answer("backend", "\"Authentication\": \"TokenForwarding\"", ""))));
		this.runner.run((context) -> {
			signIn(ALICE_JWT);
			call(context, "backend", DestinationOptions.none());
			signIn(BOB_JWT);
			call(context, "backend", DestinationOptions.none());
		});
		target.verify(1, getRequestedFor(urlPathEqualTo("/backend/items")).withHeader(HttpHeaders.AUTHORIZATION,
				equalTo("Bearer " + ALICE_JWT)));
		target.verify(1, getRequestedFor(urlPathEqualTo("/backend/items")).withHeader(HttpHeaders.AUTHORIZATION,
				equalTo("Bearer " + BOB_JWT)));
	}

	@Test
	void forwardAuthTokenOnANoAuthenticationDestinationForwardsTheUsersToken() {
		service.stubFor(get(urlPathEqualTo(PATH + "approuter")).willReturn(okJson(answer("approuter",
				"\"Authentication\": \"NoAuthentication\", \"forwardAuthToken\": \"true\"", ""))));
		this.runner.run((context) -> {
			signIn(ALICE_JWT);
			call(context, "approuter", DestinationOptions.none());
		});
		target.verify(getRequestedFor(urlPathEqualTo("/approuter/items")).withHeader(HttpHeaders.AUTHORIZATION,
				equalTo("Bearer " + ALICE_JWT)));
	}

	@Test
	void aWebClientForwardsTheUserOfTheReactorContext() {
		service.stubFor(get(urlPathEqualTo(PATH + "backend"))
			.willReturn(okJson(answer("backend", "\"Authentication\": \"TokenForwarding\"", ""))));
		BtpUser bob = new BtpUser("bob", "t-a", "tenant-a", null, null, null, BOB_JWT);
		this.runner.run((context) -> assertThat(context.getBean(DestinationWebClients.class)
			.webClient("backend")
			.build()
			.get()
			.uri("/items")
			.retrieve()
			.bodyToMono(String.class)
			.contextWrite(ReactiveSecurityContextHolder
				.withAuthentication(new TestingAuthenticationToken(bob, null)))
			.block()).isEqualTo("items"));
		target.verify(getRequestedFor(urlPathEqualTo("/backend/items")).withHeader(HttpHeaders.AUTHORIZATION,
				equalTo("Bearer " + BOB_JWT)));
	}

	@Test
	void tokenForwardingWithoutASignedInUserIsAClearFailureAndSendsNothing() {
		service.stubFor(get(urlPathEqualTo(PATH + "backend"))
			.willReturn(okJson(answer("backend", "\"Authentication\": \"TokenForwarding\"", ""))));
		this.runner.run((context) -> assertThatExceptionOfType(DestinationException.class)
			.isThrownBy(() -> call(context, "backend", DestinationOptions.none()))
			.withMessageContaining("Destination 'backend' for the provider tenant")
			.withMessageContaining("token forwarding needs a signed-in user with a token, and the request has none"));
		assertThat(target.findAll(anyRequestedFor(anyUrl()))).isEmpty();
	}

}
