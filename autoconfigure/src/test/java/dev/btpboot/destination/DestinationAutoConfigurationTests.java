package dev.btpboot.destination;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.btpboot.binding.BindingsAutoConfiguration;
import dev.btpboot.testing.FakeConnectivityTokens;
import dev.btpboot.token.TokenAutoConfiguration;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggerConfiguration;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.exactly;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static dev.btpboot.destination.DestinationStubs.PATH;
import static dev.btpboot.destination.DestinationStubs.SECRET;
import static dev.btpboot.destination.DestinationStubs.answer;
import static dev.btpboot.destination.DestinationStubs.basicOnPremise;
import static dev.btpboot.destination.DestinationStubs.bearer;
import static dev.btpboot.destination.DestinationStubs.find;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The auto-configured {@link DestinationService} with a destination binding in
 * {@code VCAP_SERVICES} whose token service and REST API are one WireMock server: the real
 * {@code destinationTokenProvider} gets the token the look-up sends.
 */
@ExtendWith(OutputCaptureExtension.class)
class DestinationAutoConfigurationTests {

	@RegisterExtension
	static final WireMockExtension server = WireMockExtension.newInstance()
		.options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"))
		.build();

	private static final String SERVICE_TOKEN = FakeConnectivityTokens.jwt("{\"client_id\":\"sb-dest-client\"}");

	private final LoggingSystem logging = LoggingSystem.get(getClass().getClassLoader());

	private final Map<String, LogLevel> previousLevels = new HashMap<>();

	private ApplicationContextRunner runner() {
		return new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(BindingsAutoConfiguration.class, TokenAutoConfiguration.class,
					DestinationAutoConfiguration.class))
			.withPropertyValues("btp.bindings.kubernetes-root=/nonexistent",
					"VCAP_SERVICES=" + DestinationStubs.vcapServices(server.baseUrl(), server.baseUrl()),
					"btp.token.retry.initial-backoff=1ms", "btp.token.retry.max-backoff=2ms");
	}

	@BeforeEach
	void debug() {
		for (String logger : List.of("dev.btpboot", "com.sap.cloud.security")) {
			LoggerConfiguration configuration = this.logging.getLoggerConfiguration(logger);
			this.previousLevels.put(logger, (configuration != null) ? configuration.getConfiguredLevel() : null);
			this.logging.setLogLevel(logger, LogLevel.DEBUG);
		}
		server.stubFor(post("/oauth/token").willReturn(okJson("{\"access_token\":\"" + SERVICE_TOKEN
				+ "\",\"token_type\":\"bearer\",\"expires_in\":3600}")));
	}

	@AfterEach
	void restoreLevels() {
		this.previousLevels.forEach(this.logging::setLogLevel);
	}

	@Test
	void looksUpWithAClientCredentialsTokenOfTheDestinationBinding() {
		server.stubFor(find("erp").willReturn(okJson(answer(basicOnPremise("erp", "http://erp.virtual"), ""))));
		runner().run((context) -> {
			DestinationService destinations = context.getBean(DestinationService.class);
			assertThat(destinations.require("erp", HttpDestination.class).user()).isEqualTo("erp-user");
			destinations.require("erp");
		});
		server.verify(exactly(1), postRequestedFor(urlPathEqualTo("/oauth/token"))
			.withRequestBody(containing("grant_type=client_credentials")));
		server.verify(exactly(1), getRequestedFor(urlPathEqualTo(PATH + "erp")).withHeader("Authorization",
				equalTo("Bearer " + SERVICE_TOKEN)));
	}

	@Test
	void noDestinationServiceWithoutADestinationBinding() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(BindingsAutoConfiguration.class, TokenAutoConfiguration.class,
					DestinationAutoConfiguration.class))
			.withPropertyValues("btp.bindings.kubernetes-root=/nonexistent")
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(DestinationService.class));
	}

	@Test
	void noPasswordOrTokenInTheLogsAtDebug(CapturedOutput output) {
		String authToken = FakeConnectivityTokens.jwt("{\"sub\":\"auth-token-of-the-destination\"}");
		server.stubFor(find("erp").willReturn(okJson(answer(basicOnPremise("erp", "http://erp.virtual"), ""))));
		server.stubFor(find("api").willReturn(okJson(answer(Map.of("Name", "api", "Type", "HTTP", "URL",
				"https://api.example.com", "Authentication", "OAuth2ClientCredentials"), bearer(authToken, 3600)))));
		server.stubFor(find("down").willReturn(aResponse().withStatus(500)));
		runner().run((context) -> {
			DestinationService destinations = context.getBean(DestinationService.class);
			destinations.require("erp");
			destinations.require("api");
			assertThatExceptionOfType(DestinationException.class).isThrownBy(() -> destinations.require("down"));
		});
		assertThat(output).contains("Looking up destination 'erp'", "Destination 'down'")
			.doesNotContain(SECRET)
			.doesNotContain(SERVICE_TOKEN)
			.doesNotContain(authToken);
	}

	@Test
	void timesHitsAndLookupsWithTheirOutcome() {
		server.stubFor(find("erp").willReturn(okJson(answer(basicOnPremise("erp", "http://erp.virtual"), ""))));
		server.stubFor(find("nope").willReturn(aResponse().withStatus(404)));
		runner().withBean(MeterRegistry.class, SimpleMeterRegistry::new).run((context) -> {
			DestinationService destinations = context.getBean(DestinationService.class);
			destinations.require("erp");
			destinations.require("erp");
			destinations.require("erp");
			destinations.find("nope");
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			assertThat(registry.get("btp.destination.lookups").tags("cache", "hit", "outcome", "success").timer().count())
				.isEqualTo(2);
			assertThat(registry.get("btp.destination.lookups").tags("cache", "miss", "outcome", "success").timer().count())
				.isEqualTo(1);
			assertThat(
					registry.get("btp.destination.lookups").tags("cache", "miss", "outcome", "not_found").timer().count())
				.isEqualTo(1);
		});
	}

	@Test
	void healthIsUpWhenTheServiceAnswersAndShowsNoDestinationContent() {
		server.stubFor(find(DestinationsHealthIndicator.PROBE).willReturn(aResponse().withStatus(404)));
		runner().run((context) -> {
			Health health = context.getBean("btpDestinationsHealthIndicator", HealthIndicator.class).health();
			assertThat(health.getStatus()).isEqualTo(Status.UP);
			assertThat(health.getDetails()).containsExactly(Map.entry("binding", "my-destination"));
		});
	}

	@Test
	void healthIsDownWhenTheServiceRefusesTheBindingsToken() {
		server.stubFor(find(DestinationsHealthIndicator.PROBE).willReturn(aResponse().withStatus(401)));
		runner().run((context) -> {
			Health health = context.getBean("btpDestinationsHealthIndicator", HealthIndicator.class).health();
			assertThat(health.getStatus()).isEqualTo(Status.DOWN);
			assertThat(health.getDetails()).containsEntry("step", "lookup").containsEntry("httpStatus", 401);
		});
	}

}
