package dev.btpboot.token;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.btpboot.binding.XsuaaCredentials;
import dev.btpboot.testing.MutableClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static dev.btpboot.token.TokenTestSupport.SECRET;
import static dev.btpboot.token.TokenTestSupport.tokenResponse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Health {@code btpTokens} tells the truth (issue 9 §3): only the binding's own client-credentials
 * flow decides it; a user's rejected exchange is counted in the metrics; details carry the OAuth
 * {@code error} and HTTP status, never the server's {@code error_description}.
 */
@ExtendWith(OutputCaptureExtension.class)
class TokenHealthTests {

	private static final String CALLER_CHOSEN_TEXT = "assertion of <b>mallory</b> rejected: call 555-0100";

	@RegisterExtension
	static final WireMockExtension server = WireMockExtension.newInstance()
		.options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"))
		.build();

	private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));

	private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	private final TokenProviderFactory factory = TokenTestSupport.factory(new TokenProperties(), this.clock,
			Runnable::run, MicrometerTokenObserver.factory(this.meters), null, 0,
			new TokenTestSupport.RecordingSleeper());

	private final TokensHealthIndicator health = new TokensHealthIndicator(this.factory.caches());

	private XsuaaIssuedTokenProvider provider() {
		return this.factory.xsuaaIssuedProvider(XsuaaCredentials.from(TokenTestSupport.binding("health-xsuaa", "xsuaa",
						Map.of("clientid", "sb-health", "clientsecret", SECRET, "url",
								"http://127.0.0.1:" + server.getPort(), "uaadomain", "localhost", "xsappname",
								"health"))));
	}

	@Test
	void aRejectedUserExchangeLeavesHealthUpAndIsCountedInTheMetrics() {
		server.stubFor(post("/oauth/token").withRequestBody(containing("jwt-bearer"))
			.willReturn(aResponse().withStatus(400)
				.withHeader("Content-Type", "application/json")
				.withBody("{\"error\":\"invalid_grant\",\"error_description\":\"" + CALLER_CHOSEN_TEXT + "\"}")));
		XsuaaIssuedTokenProvider provider = provider();
		String assertion = TokenTestSupport.jwt("{\"sub\":\"mallory\"}");
		// Nothing cached at all: before, the user's failure alone turned the instance DOWN.
		assertThatExceptionOfType(TokenRequestException.class).isThrownBy(() -> provider.jwtBearer(assertion))
			.satisfies((ex) -> assertThat(ex.getError()).isEqualTo("invalid_grant"));
		Health health = this.health.health();
		assertThat(health.getStatus()).isEqualTo(Status.UP);
		assertThat(health.getDetails().toString()).doesNotContain("mallory", "invalid_grant");
		assertThat(this.meters.get("btp.token.requests")
			.tags("service", "xsuaa", "grant", "jwt_bearer", "outcome", "rejected")
			.timer()
			.count()).isEqualTo(1);
	}

	@Test
	void aFailingClientCredentialsRenewalWithNothingCachedIsDownWithErrorCodeAndStatusOnly() {
		server.stubFor(post("/oauth/token").willReturn(okJson(tokenResponse("own", 600))));
		XsuaaIssuedTokenProvider provider = provider();
		provider.clientCredentials();
		server.stubFor(post("/oauth/token").willReturn(aResponse().withStatus(401)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"error\":\"invalid_client\",\"error_description\":\"" + CALLER_CHOSEN_TEXT + "\"}")));
		assertThat(this.health.health().getStatus()).isEqualTo(Status.UP);
		this.clock.advance(Duration.ofSeconds(601));
		assertThatExceptionOfType(TokenRequestException.class).isThrownBy(provider::clientCredentials);
		Health health = this.health.health();
		assertThat(health.getStatus()).isEqualTo(Status.DOWN);
		assertThat(health.getDetails().get("xsuaa")).asInstanceOf(InstanceOfAssertFactories.MAP)
			.containsEntry("status", "DOWN")
			.containsEntry("binding", "health-xsuaa")
			.containsEntry("httpStatus", 401)
			.containsEntry("error", "invalid_client");
		assertThat(health.getDetails().toString()).doesNotContain("mallory", "555-0100", SECRET);
	}

	@Test
	void aRejectedUserExchangeDoesNotHideTheNextOutageFromTheLog(CapturedOutput output) {
		server.stubFor(post("/oauth/token").withRequestBody(containing("jwt-bearer"))
			.willReturn(aResponse().withStatus(400).withBody("{\"error\":\"invalid_grant\"}")));
		XsuaaIssuedTokenProvider provider = provider();
		assertThatExceptionOfType(TokenRequestException.class)
			.isThrownBy(() -> provider.jwtBearer(TokenTestSupport.jwt("{\"sub\":\"mallory\"}")));
		server.stubFor(post("/oauth/token").withRequestBody(containing("client_credentials"))
			.willReturn(aResponse().withStatus(503)));
		assertThatExceptionOfType(TokenRequestException.class).isThrownBy(provider::clientCredentials);
		assertThat(this.health.health().getStatus()).isEqualTo(Status.DOWN);
		assertThat(output.getAll().lines().filter((line) -> line.contains("logged once until")))
			.singleElement()
			.asString()
			.contains("client_credentials", "HTTP 503");
	}

	@Test
	void aClientCredentialsTokenEvictedForUsersTokensKeepsTheBindingUpUntilItWouldNoLongerBeUsable() {
		// The flaky TokenCachePropertyTests case (issue 19): size-bound eviction, not the token
		// endpoint, took the binding's last client-credentials token, and health said DOWN.
		TokenProperties properties = new TokenProperties();
		properties.getCache().setMaxSize(1);
		XsuaaCredentials credentials = TokenTestSupport.xsuaa("evicting", "http://127.0.0.1");
		TokenCache cache = new TokenCache(credentials, properties, this.clock, Runnable::run, TokenObserver.NONE);
		TokenCaches caches = new TokenCaches();
		caches.add(cache);
		TokensHealthIndicator health = new TokensHealthIndicator(caches);
		TokenKey tenantA = TokenKey.clientCredentials("xsuaa", "tenant-a", null);
		TokenKey tenantB = TokenKey.clientCredentials("xsuaa", "tenant-b", null);
		AccessToken tokenA = cache.get(tenantA, () -> new AccessToken("a", this.clock.instant().plusSeconds(600)));
		assertThatExceptionOfType(TokenRequestException.class).isThrownBy(() -> cache.get(tenantB, () -> {
			throw TokenRequestException.Target.of(credentials, credentials.tokenEndpoint(), TokenGrant.CLIENT_CREDENTIALS)
				.failure("down", null);
		}));
		assertThat(cache.get(tenantA, () -> new AccessToken("a2", this.clock.instant()))).isSameAs(tokenA);
		cache.get(TokenKey.jwtBearer("xsuaa", "user-assertion", null),
				() -> new AccessToken("u", this.clock.instant().plusSeconds(600)));
		assertThat(cache.size()).as("the bound of 1 crossed: both evicted, tenant A's token among them").isZero();
		assertThat(health.health().getStatus()).as("tenant A's token, served a moment ago, is still usable")
			.isEqualTo(Status.UP);
		this.clock.advance(Duration.ofSeconds(539));
		assertThat(health.health().getStatus()).isEqualTo(Status.UP);
		this.clock.advance(Duration.ofSeconds(1));
		assertThat(health.health().getStatus()).as("no client-credentials token is usable any more")
			.isEqualTo(Status.DOWN);
	}

}
