package dev.btpboot.token;

import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.sap.cloud.security.xsuaa.tokenflows.XsuaaTokenFlows;
import dev.btpboot.binding.IdentityCredentials;
import dev.btpboot.binding.XsuaaCredentials;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggerConfiguration;
import org.springframework.boot.logging.LoggingSystem;
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
 * With DEBUG on for {@code dev.btpboot} and token-client's {@code com.sap.cloud.security}, no
 * secret, user assertion or token appears in the output, whatever the flow or failure.
 */
@ExtendWith(OutputCaptureExtension.class)
class TokenLoggingTests {

	private static final String ASSERTION = TokenTestSupport.jwt("{\"sub\":\"grace\",\"secret\":\"assertion-claim\"}");

	private static final String ACCESS_TOKEN = TokenTestSupport.jwt("{\"sub\":\"technical\",\"jti\":\"issued-token\"}");

	private final LoggingSystem logging = LoggingSystem.get(getClass().getClassLoader());

	@RegisterExtension
	final WireMockExtension server = WireMockExtension.newInstance()
		.options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"))
		.build();

	private final Map<String, LogLevel> previousLevels = new HashMap<>();

	@BeforeEach
	void setUp() {
		for (String logger : List.of("dev.btpboot", "com.sap.cloud.security")) {
			LoggerConfiguration configuration = this.logging.getLoggerConfiguration(logger);
			this.previousLevels.put(logger, (configuration != null) ? configuration.getConfiguredLevel() : null);
			this.logging.setLogLevel(logger, LogLevel.DEBUG);
		}
	}

	@AfterEach
	void tearDown() {
		this.previousLevels.forEach(this.logging::setLogLevel);
	}

	@Test
	void noSecretAssertionOrTokenInTheLogsAtDebug(CapturedOutput output) throws Exception {
		String url = "http://localhost:" + this.server.getPort();
		TokenProviderFactory factory = TokenTestSupport.factory(new TokenProperties(), Clock.systemUTC(), Runnable::run,
				TokenObserver.Factory.NONE, null, 0, new TokenTestSupport.RecordingSleeper());
		XsuaaCredentials xsuaa = XsuaaCredentials.from(TokenTestSupport.binding("log-xsuaa", "xsuaa",
				Map.of("clientid", "sb-log", "clientsecret", SECRET, "url", url, "uaadomain", "localhost",
						"xsappname", "log")));
		IdentityTokenProvider ias = factory.identity(IdentityCredentials.from(TokenTestSupport.binding("log-ias",
				"identity", Map.of("clientid", "ias-log", "clientsecret", SECRET, "url", url, "domains",
						List.of("localhost")))));
		this.server.stubFor(post("/oauth/token").willReturn(okJson(tokenResponse(ACCESS_TOKEN, 3600))));
		this.server.stubFor(post("/oauth2/token").willReturn(okJson(tokenResponse(ACCESS_TOKEN, 3600))));

		TokenProvider provider = factory.xsuaaIssuedProvider(xsuaa);
		assertThat(provider.clientCredentials().value()).isEqualTo(ACCESS_TOKEN);
		assertThat(provider.jwtBearer(ASSERTION).value()).isEqualTo(ACCESS_TOKEN);
		XsuaaTokenFlows flows = XsuaaTokenFlowsFactory.create(factory, xsuaa);
		assertThat(flows.clientCredentialsTokenFlow().execute().getAccessToken()).isEqualTo(ACCESS_TOKEN);
		assertThat(flows.jwtBearerTokenFlow().token(ASSERTION).execute().getAccessToken()).isEqualTo(ACCESS_TOKEN);
		assertThat(ias.clientCredentialsForProvider("other-app").value()).isEqualTo(ACCESS_TOKEN);
		assertThat(ias.jwtBearer(ASSERTION).value()).isEqualTo(ACCESS_TOKEN);

		this.server.resetAll();
		this.server.stubFor(post("/oauth/token").withRequestBody(containing("client_credentials"))
			.willReturn(aResponse().withStatus(503).withBody("upstream down")));
		this.server.stubFor(post("/oauth/token").withRequestBody(containing("jwt-bearer"))
			.willReturn(aResponse().withStatus(400).withBody("{\"error\":\"invalid_grant\"}")));
		TokenProvider failing = factory.xsuaaIssuedProvider(xsuaa);
		assertThatExceptionOfType(TokenRequestException.class).isThrownBy(failing::clientCredentials);
		assertThatExceptionOfType(TokenRequestException.class).isThrownBy(() -> failing.jwtBearer(ASSERTION));

		assertThat(output.getAll()).contains("Requesting a client_credentials token for xsuaa")
			.contains("Token was requested for endpoint")
			.doesNotContain(SECRET)
			.doesNotContain(ASSERTION)
			.doesNotContain(ACCESS_TOKEN);
	}

}
