package dev.btpboot.token;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.btpboot.binding.XsuaaCredentials;
import dev.btpboot.testing.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.exactly;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static dev.btpboot.token.TokenTestSupport.SECRET;
import static dev.btpboot.token.TokenTestSupport.tokenResponse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * XSUAA client-secret grants of the provider over our HTTP client, against WireMock. The
 * binding's token service is {@code http://provider.auth.localtest}; there is no DNS, so the HTTP
 * client reaches it through WireMock acting as HTTP proxy (a package-private seam): the request
 * line and {@code Host} header carry the real tenant host, which WireMock matches.
 */
@ExtendWith(OutputCaptureExtension.class)
class XsuaaIssuedTokenProviderTests {

	private static final String TOKEN_PATH = "/oauth/token";

	private static final String PROVIDER_HOST = "provider.auth.localtest";

	@RegisterExtension
	static final WireMockExtension server = WireMockExtension.newInstance()
		.options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"))
		.build();

	private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));

	private final TokenTestSupport.RecordingSleeper sleeper = new TokenTestSupport.RecordingSleeper();

	private final TokenProperties properties = new TokenProperties();

	private TokenRefresher refresher;

	private Executor refreshExecutor;

	private TokenProviderFactory factory;

	@BeforeEach
	void setUp() {
		this.refresher = new TokenRefresher();
		this.refreshExecutor = this.refresher.executor();
	}

	@AfterEach
	void tearDown() {
		this.refresher.close();
	}

	private XsuaaIssuedTokenProvider provider() {
		this.factory = TokenTestSupport.factory(this.properties, this.clock, this.refreshExecutor,
				TokenObserver.Factory.NONE, null, server.getPort(), this.sleeper);
		XsuaaCredentials credentials = XsuaaCredentials.from(TokenTestSupport.binding("my-xsuaa", "xsuaa",
				Map.of("clientid", "sb-app!t1", "clientsecret", SECRET, "url", "http://" + PROVIDER_HOST,
						"uaadomain", "auth.localtest", "xsappname", "app!t1")));
		return this.factory.xsuaaIssuedProvider(credentials);
	}

	private static void stubToken(String token, long expiresIn) {
		server.stubFor(post(TOKEN_PATH).willReturn(okJson(tokenResponse(token, expiresIn))));
	}

	@Test
	void sendsClientCredentialsWithSecretInTheFormAndCachesTheToken() {
		stubToken("token-1", 3600);
		XsuaaIssuedTokenProvider provider = provider();
		AccessToken token = provider.clientCredentials();
		assertThat(token.value()).isEqualTo("token-1");
		assertThat(token.expiresAt()).isEqualTo(this.clock.instant().plusSeconds(3600));
		assertThat(provider.clientCredentials()).isSameAs(token);
		server.verify(exactly(1), postRequestedFor(urlEqualTo(TOKEN_PATH)).withHeader("Host", equalTo(PROVIDER_HOST))
			.withRequestBody(containing("grant_type=client_credentials"))
			.withRequestBody(containing("client_id=sb-app%21t1")));
	}

	@Test
	void twoHundredThreadsOnAColdCacheMakeOneRequest() throws Exception {
		server.stubFor(post(TOKEN_PATH).willReturn(okJson(tokenResponse("cold", 3600)).withFixedDelay(300)));
		XsuaaIssuedTokenProvider provider = provider();
		assertThat(concurrently(200, provider::clientCredentials)).containsOnly("cold");
		server.verify(exactly(1), postRequestedFor(urlEqualTo(TOKEN_PATH)));
	}

	@Test
	void twoHundredThreadsOnAnExpiredTokenMakeOneRequest() throws Exception {
		stubToken("first", 600);
		XsuaaIssuedTokenProvider provider = provider();
		provider.clientCredentials();
		server.stubFor(post(TOKEN_PATH).willReturn(okJson(tokenResponse("second", 600)).withFixedDelay(300)));
		this.clock.advance(Duration.ofSeconds(601));
		assertThat(concurrently(200, provider::clientCredentials)).containsOnly("second");
		server.verify(exactly(2), postRequestedFor(urlEqualTo(TOKEN_PATH)));
	}

	@Test
	void tenantsAndUserAssertionsAreDifferentKeys() {
		stubToken("t", 3600);
		XsuaaIssuedTokenProvider provider = provider();
		String alice = TokenTestSupport.jwt("{\"sub\":\"alice\"}");
		String bob = TokenTestSupport.jwt("{\"sub\":\"bob\"}");
		for (int i = 0; i < 3; i++) {
			provider.clientCredentials();
			provider.clientCredentials("tenant-a");
			provider.clientCredentials("tenant-b");
			provider.jwtBearer(alice);
			provider.jwtBearer(bob);
		}
		server.verify(exactly(1), postRequestedFor(urlEqualTo(TOKEN_PATH)).withHeader("Host", equalTo(PROVIDER_HOST))
			.withRequestBody(containing("grant_type=client_credentials")));
		server.verify(exactly(1), postRequestedFor(urlEqualTo(TOKEN_PATH))
			.withHeader("Host", equalTo("tenant-a.auth.localtest")));
		server.verify(exactly(1), postRequestedFor(urlEqualTo(TOKEN_PATH))
			.withHeader("Host", equalTo("tenant-b.auth.localtest")));
		server.verify(exactly(1), postRequestedFor(urlEqualTo(TOKEN_PATH))
			.withRequestBody(containing("grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Ajwt-bearer"))
			.withRequestBody(containing("assertion=" + alice)));
		server.verify(exactly(1), postRequestedFor(urlEqualTo(TOKEN_PATH)).withRequestBody(containing("assertion=" + bob)));
	}

	@Test
	void jwtBearerGoesToTheTenantOfTheUserToken() {
		stubToken("user-token", 3600);
		XsuaaIssuedTokenProvider provider = provider();
		String subscriberUser = TokenTestSupport.jwt("{\"sub\":\"carol\",\"ext_attr\":{\"zdn\":\"subscriber\"}}");
		assertThat(provider.jwtBearer(subscriberUser).value()).isEqualTo("user-token");
		server.verify(exactly(1), postRequestedFor(urlEqualTo(TOKEN_PATH))
			.withHeader("Host", equalTo("subscriber.auth.localtest"))
			.withRequestBody(containing("assertion=" + subscriberUser)));
	}

	@Test
	void cacheKeysHoldAHashOfTheAssertionNeverTheAssertion() {
		String assertion = TokenTestSupport.jwt("{\"sub\":\"dave\"}");
		TokenKey key = TokenKey.jwtBearer("xsuaa", assertion, null);
		assertThat(key.toString()).doesNotContain(assertion);
		assertThat(key.assertionHash()).hasSize(64).isEqualTo(TokenKey.sha256(assertion));
		assertThat(key).isNotEqualTo(TokenKey.jwtBearer("xsuaa", assertion + "x", null));
	}

	@Test
	void cacheSizeIsBounded() {
		stubToken("t", 3600);
		this.properties.getCache().setMaxSize(2);
		XsuaaIssuedTokenProvider provider = provider();
		for (String tenant : List.of("a", "b", "c", "d")) {
			provider.clientCredentials(tenant);
		}
		assertThat(provider.cache().size()).isEqualTo(2);
	}

	@Test
	void renewsInTheBackgroundAfterRefreshAheadWhileCallersGetTheCurrentToken() {
		stubToken("old", 1000);
		XsuaaIssuedTokenProvider provider = provider();
		provider.clientCredentials();
		server.stubFor(post(TOKEN_PATH).willReturn(okJson(tokenResponse("new", 1000)).withFixedDelay(500)));
		this.clock.advance(Duration.ofSeconds(850));
		for (int i = 0; i < 20; i++) {
			assertThat(provider.clientCredentials().value()).isEqualTo("old");
		}
		await().untilAsserted(() -> assertThat(provider.clientCredentials().value()).isEqualTo("new"));
		server.verify(exactly(2), postRequestedFor(urlEqualTo(TOKEN_PATH)));
	}

	@Test
	void neverHandsOutATokenWithinTheExpiryMargin() {
		stubToken("old", 1000);
		XsuaaIssuedTokenProvider provider = provider();
		provider.clientCredentials();
		stubToken("new", 1000);
		// 1000 s lifetime, 60 s margin: at 941 s the old token is 59 s from expiry.
		this.clock.advance(Duration.ofSeconds(941));
		assertThat(provider.clientCredentials().value()).isEqualTo("new");
	}

	@Test
	void servesTheCachedTokenWhileRenewalFailsAndLogsTheOutageOnce(CapturedOutput output) {
		// Renewal runs on the calling thread here, so each round's three attempts are done when the call returns.
		this.refreshExecutor = Runnable::run;
		stubToken("still-valid", 1000);
		XsuaaIssuedTokenProvider provider = provider();
		provider.clientCredentials();
		server.stubFor(post(TOKEN_PATH).willReturn(aResponse().withStatus(503)));
		TokensHealthIndicator health = new TokensHealthIndicator(this.factory.caches());
		for (int round = 0; round < 3; round++) {
			// Past refresh-ahead, and past the pause after a failed renewal: each round renews again.
			this.clock.advance(Duration.ofSeconds((round == 0) ? 850 : 10));
			assertThat(provider.clientCredentials().value()).isEqualTo("still-valid");
			assertThat(provider.clientCredentials().value()).isEqualTo("still-valid");
			server.verify(exactly(1 + 3 * (round + 1)), postRequestedFor(urlEqualTo(TOKEN_PATH)));
			assertThat(health.health().getStatus()).isEqualTo(Status.UP);
		}
		assertThat(output.getAll().split("logged once until a token request succeeds again", -1)).hasSize(2);
		this.clock.advance(Duration.ofSeconds(100));
		assertThatExceptionOfType(TokenRequestException.class).isThrownBy(provider::clientCredentials)
			.satisfies((ex) -> assertThat(ex.getHttpStatus()).isEqualTo(503));
		Health down = health.health();
		assertThat(down.getStatus()).isEqualTo(Status.DOWN);
		assertThat(down.getDetails()).containsKey("xsuaa");
		stubToken("recovered", 1000);
		assertThat(provider.clientCredentials().value()).isEqualTo("recovered");
		assertThat(health.health().getStatus()).isEqualTo(Status.UP);
		assertThat(output.getAll()).contains("succeed again");
	}

	@Test
	void isDownOnlyWhenNoKeyOfTheServiceHasAValidToken() {
		stubToken("own", 3600);
		server.stubFor(post(TOKEN_PATH).withHeader("Host", equalTo("gone.auth.localtest"))
			.willReturn(aResponse().withStatus(401).withBody("{\"error\":\"unauthorized\"}")));
		XsuaaIssuedTokenProvider provider = provider();
		TokensHealthIndicator health = new TokensHealthIndicator(this.factory.caches());
		provider.clientCredentials();
		assertThatExceptionOfType(TokenRequestException.class).isThrownBy(() -> provider.clientCredentials("gone"))
			.withMessageContaining("gone.auth.localtest");
		assertThat(health.health().getStatus()).isEqualTo(Status.UP);
		this.clock.advance(Duration.ofHours(1));
		assertThat(health.health().getStatus()).isEqualTo(Status.DOWN);
		assertThat(health.health().getDetails().get("xsuaa")).asString()
			.contains("error=unauthorized", "gone.auth.localtest")
			.doesNotContain(SECRET);
	}

	@Test
	void retriesOn500And503And408() {
		for (int status : new int[] { 500, 503, 408 }) {
			server.resetAll();
			failThenSucceed(aResponse().withStatus(status));
			assertThat(provider().clientCredentials().value()).isEqualTo("after-retry");
			server.verify(exactly(2), postRequestedFor(urlEqualTo(TOKEN_PATH)));
		}
	}

	@Test
	void retriesOn429AfterItsRetryAfter() {
		failThenSucceed(aResponse().withStatus(429).withHeader("Retry-After", "2"));
		assertThat(provider().clientCredentials().value()).isEqualTo("after-retry");
		assertThat(this.sleeper.sleeps).containsExactly(Duration.ofSeconds(2));
	}

	@Test
	void givesUpWhenRetryAfterExceedsTheMaximumBackoff() {
		server.stubFor(post(TOKEN_PATH).willReturn(aResponse().withStatus(429).withHeader("Retry-After", "60")));
		assertThatExceptionOfType(TokenRequestException.class).isThrownBy(provider()::clientCredentials)
			.withMessageContaining("HTTP 429");
		server.verify(exactly(1), postRequestedFor(urlEqualTo(TOKEN_PATH)));
		assertThat(this.sleeper.sleeps).isEmpty();
	}

	@Test
	void retriesOnConnectionResetAndMalformedJson() {
		failThenSucceed(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER));
		assertThat(provider().clientCredentials().value()).isEqualTo("after-retry");
		server.resetAll();
		failThenSucceed(okJson("{\"access_token\": \"trunc"));
		assertThat(provider().clientCredentials().value()).isEqualTo("after-retry");
		server.verify(exactly(2), postRequestedFor(urlEqualTo(TOKEN_PATH)));
	}

	@Test
	void retriesOnReadTimeout() {
		this.properties.setReadTimeout(Duration.ofMillis(300));
		failThenSucceed(okJson(tokenResponse("slow", 3600)).withFixedDelay(3000));
		assertThat(provider().clientCredentials().value()).isEqualTo("after-retry");
	}

	@Test
	void backsOffExponentiallyWithJitterUpToMaxAttempts() {
		this.properties.getRetry().setMaxAttempts(4);
		server.stubFor(post(TOKEN_PATH).willReturn(aResponse().withStatus(500)));
		assertThatExceptionOfType(TokenRequestException.class).isThrownBy(provider()::clientCredentials)
			.withMessageContaining("HTTP 500");
		server.verify(exactly(4), postRequestedFor(urlEqualTo(TOKEN_PATH)));
		assertThat(this.sleeper.sleeps).hasSize(3);
		assertThat(this.sleeper.sleeps.get(0)).isBetween(Duration.ofMillis(100), Duration.ofMillis(200));
		assertThat(this.sleeper.sleeps.get(1)).isBetween(Duration.ofMillis(200), Duration.ofMillis(400));
		assertThat(this.sleeper.sleeps.get(2)).isBetween(Duration.ofMillis(400), Duration.ofMillis(800));
	}

	@Test
	void doesNotRetryInvalidClientOrInvalidGrantAndNamesEverythingButSecrets() {
		server.stubFor(post(TOKEN_PATH).willReturn(aResponse().withStatus(401)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"error\":\"invalid_client\",\"error_description\":\"Bad credentials\"}")));
		assertThatExceptionOfType(TokenRequestException.class).isThrownBy(provider()::clientCredentials)
			.satisfies((ex) -> {
				assertThat(ex.getService()).isEqualTo("xsuaa");
				assertThat(ex.getBindingName()).isEqualTo("my-xsuaa");
				assertThat(ex.getTokenEndpoint()).isEqualTo(URI.create("http://" + PROVIDER_HOST + TOKEN_PATH));
				assertThat(ex.getError()).isEqualTo("invalid_client");
				assertThat(ex.getMessage()).contains("xsuaa", "my-xsuaa", PROVIDER_HOST + TOKEN_PATH, "HTTP 401",
						"invalid_client", "Bad credentials")
					.doesNotContain(SECRET);
			});
		server.verify(exactly(1), postRequestedFor(urlEqualTo(TOKEN_PATH)));
		server.resetAll();
		String assertion = TokenTestSupport.jwt("{\"sub\":\"erin\"}");
		server.stubFor(post(TOKEN_PATH).willReturn(aResponse().withStatus(400)
			.withBody("{\"error\":\"invalid_grant\",\"error_description\":\"expired assertion\"}")));
		assertThatExceptionOfType(TokenRequestException.class).isThrownBy(() -> provider().jwtBearer(assertion))
			.withMessageContaining("invalid_grant")
			.withMessageContaining("jwt_bearer")
			.withMessageNotContaining(assertion);
		server.verify(exactly(1), postRequestedFor(urlEqualTo(TOKEN_PATH)));
		assertThat(this.sleeper.sleeps).isEmpty();
	}

	@Test
	void keepsTheInterruptStatusAndStopsRetrying() {
		server.stubFor(post(TOKEN_PATH).willReturn(aResponse().withStatus(503)));
		XsuaaIssuedTokenProvider provider = provider();
		Thread.currentThread().interrupt();
		try {
			assertThatExceptionOfType(TokenRequestException.class).isThrownBy(provider::clientCredentials);
			assertThat(Thread.currentThread().isInterrupted()).isTrue();
		}
		finally {
			Thread.interrupted();
		}
		assertThat(this.sleeper.sleeps).isEmpty();
	}

	@Test
	void swapsTheFirstHostLabelForTheTenant() {
		assertThat(TenantUrls.withSubdomain(URI.create("https://provider.authentication.eu10.hana.ondemand.com/oauth/token"),
				"subscriber"))
			.isEqualTo(URI.create("https://subscriber.authentication.eu10.hana.ondemand.com/oauth/token"));
		assertThat(TenantUrls.withSubdomain(URI.create("https://p.authentication.cert.eu10.hana.ondemand.com:443/oauth/token"),
				"s-1"))
			.isEqualTo(URI.create("https://s-1.authentication.cert.eu10.hana.ondemand.com:443/oauth/token"));
		assertThatExceptionOfType(IllegalArgumentException.class)
			.isThrownBy(() -> TenantUrls.withSubdomain(URI.create("https://p.example.com/oauth/token"), "evil.com/x"));
		assertThatExceptionOfType(IllegalArgumentException.class)
			.isThrownBy(() -> TenantUrls.withSubdomain(URI.create("http://127.0.0.1:8080/oauth/token"), "t"));
	}

	@Test
	void tenantThatIsNotADnsLabelIsRefusedBeforeTheCache() {
		XsuaaIssuedTokenProvider provider = provider();
		assertThatExceptionOfType(IllegalArgumentException.class)
			.isThrownBy(() -> provider.clientCredentials("evil.com/x"))
			.withMessageContaining("is not a DNS label");
		assertThat(provider.cache().size()).isZero();
	}

	@Test
	void userTokenSubdomainIsUsedOnlyWhenItIsADnsLabel() {
		assertThat(XsuaaIssuedTokenProvider.userSubdomain(TokenTestSupport.jwt("{\"ext_attr\":{\"zdn\":\"tenant-a\"}}")))
			.isEqualTo("tenant-a");
		assertThat(XsuaaIssuedTokenProvider
			.userSubdomain(TokenTestSupport.jwt("{\"ext_attr\":{\"zdn\":\"evil.com/x\"}}"))).isNull();
		assertThat(XsuaaIssuedTokenProvider.userSubdomain("not-a-jwt")).isNull();
	}

	private static void failThenSucceed(com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder failure) {
		server.stubFor(post(TOKEN_PATH).inScenario("retry")
			.whenScenarioStateIs(Scenario.STARTED)
			.willReturn(failure)
			.willSetStateTo("failed once"));
		server.stubFor(post(TOKEN_PATH).inScenario("retry")
			.whenScenarioStateIs("failed once")
			.willReturn(okJson(tokenResponse("after-retry", 3600))));
	}

	private static Set<String> concurrently(int threads, java.util.function.Supplier<AccessToken> call)
			throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(threads);
		try {
			CountDownLatch start = new CountDownLatch(1);
			List<Future<String>> results = new ArrayList<>();
			for (int i = 0; i < threads; i++) {
				results.add(pool.submit(() -> {
					start.await();
					return call.get().value();
				}));
			}
			start.countDown();
			Set<String> values = ConcurrentHashMap.newKeySet();
			for (Future<String> result : results) {
				values.add(result.get());
			}
			return values;
		}
		finally {
			pool.shutdownNow();
		}
	}

}
