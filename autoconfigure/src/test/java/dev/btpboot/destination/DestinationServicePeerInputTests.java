package dev.btpboot.destination;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.btpboot.testing.DebugLogging;
import dev.btpboot.testing.FakeConnectivityTokens;
import dev.btpboot.testing.MutableClock;
import dev.btpboot.token.ResponseBodies;
import dev.btpboot.token.TokenProperties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.util.unit.DataSize;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.exactly;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static dev.btpboot.destination.DestinationStubs.PATH;
import static dev.btpboot.destination.DestinationStubs.answer;
import static dev.btpboot.destination.DestinationStubs.basicOnPremise;
import static dev.btpboot.destination.DestinationStubs.find;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The Destination service's answers as a peer's input (issue 19 §3, §4): what it says reaches
 * messages and logs only as {@code PeerText} lets it through, its {@code expires_in} counts as a
 * token endpoint's does, and its answer is read only up to {@code btp.http.max-response-size}.
 * DEBUG is on throughout.
 */
@ExtendWith({ OutputCaptureExtension.class, DebugLogging.class })
class DestinationServicePeerInputTests {

	@RegisterExtension
	static final WireMockExtension service = WireMockExtension.newInstance()
		.options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"))
		.build();

	private static final String USER_JWT = FakeConnectivityTokens.jwt("{\"user_name\":\"alice\",\"zdn\":\"tenant-a\"}");

	private static final String LONG_BASE64 = "Xk9mQ2ZvR3pLd1h0N3Y4U0FQc2VjcmV0MTIzNDU2Nzg";

	/** A forged log line, a user's token and a secret. */
	private static final String HOSTILE = "Refused\r\n2026-01-01 ERROR FORGED admin signed in\r\ntoken " + USER_JWT
			+ " secret " + LONG_BASE64;

	private static final String CLEANED = "Refused 2026-01-01 ERROR FORGED admin signed in token [redacted JWT] secret [redacted]";

	private static final Map<String, String> OAUTH = Map.of("Name", "api", "Type", "HTTP", "URL",
			"https://api.example.com", "Authentication", "OAuth2ClientCredentials");

	private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));

	private DestinationService destinations(DataSize maxResponseSize) {
		TokenProperties tokenProperties = new TokenProperties();
		tokenProperties.getRetry().setInitialBackoff(Duration.ofMillis(1));
		tokenProperties.getRetry().setMaxBackoff(Duration.ofMillis(4));
		return DestinationStubs.service(service.baseUrl(), tokenProperties, new ResponseBodies(maxResponseSize),
				new FakeConnectivityTokens(), this.clock, false);
	}

	private DestinationService destinations() {
		return destinations(DataSize.ofMegabytes(1));
	}

	private static String json(Object value) {
		return new JsonMapper().writeValueAsString(value);
	}

	private static void answerWith(String name, Map<String, String> configuration, Map<String, Object> authToken) {
		service.stubFor(find(name).willReturn(okJson(answer(configuration, json(authToken)))));
	}

	@Test
	void anErrorMessageReachesExceptionAndLogsCleanedWhetherRetriedOrNot(CapturedOutput output) {
		service.stubFor(find("erp").willReturn(aResponse().withStatus(503)
			.withHeader("Content-Type", "application/json")
			.withBody(json(Map.of("ErrorMessage", HOSTILE)))));
		DestinationService destinations = destinations();
		assertThatExceptionOfType(DestinationException.class).isThrownBy(() -> destinations.require("erp"))
			.withMessageEndingWith("the Destination service answered with an error [HTTP 503]: \"" + CLEANED + "\"");
		service.verify(exactly(3), getRequestedFor(urlPathEqualTo(PATH + "erp")));
		service.stubFor(find("erp").willReturn(okJson(answer(basicOnPremise("erp", "http://erp.virtual"), ""))));
		Destination cached = destinations.require("erp");
		service.stubFor(find("erp").willReturn(aResponse().withStatus(403)
			.withHeader("Content-Type", "application/json")
			.withBody(json(Map.of("ErrorMessage", HOSTILE)))));
		this.clock.advance(Duration.ofMinutes(6));
		assertThatExceptionOfType(DestinationException.class).isThrownBy(() -> destinations.require("erp"))
			.withMessageEndingWith("[HTTP 403]: \"" + CLEANED + "\"");
		assertThat(cached.name()).isEqualTo("erp");
		assertThat(output.getAll()).contains("[HTTP 503]: \"" + CLEANED + "\"; retrying in");
		assertClean(output);
	}

	@Test
	void anAuthTokensErrorIsCleanedWhereItIsRead(CapturedOutput output) {
		answerWith("api", OAUTH, Map.of("type", "Bearer", "error", HOSTILE));
		AuthToken token = destinations().require("api").authTokens().get(0);
		assertThat(token.error()).isEqualTo(CLEANED);
		assertThat(token.toString()).contains(CLEANED);
		assertClean(output);
	}

	@Test
	void aPropertyValueQuotedInAReadFailureIsCleaned(CapturedOutput output) {
		Map<String, String> configuration = new LinkedHashMap<>(OAUTH);
		configuration.put("Type", HOSTILE);
		service.stubFor(find("api").willReturn(okJson(answer(Map.of(), "").replace("\"destinationConfiguration\":{}",
				"\"destinationConfiguration\":" + json(configuration)))));
		assertThatExceptionOfType(DestinationException.class).isThrownBy(() -> destinations().require("api"))
			.withMessageEndingWith("reading the Destination service's answer failed: unknown Type '" + CLEANED + "'");
		assertClean(output);
	}

	@ParameterizedTest
	@ValueSource(strings = { "\"9223372036854775807\"", "9223372036854775807", "\"99999999999999999999999\"", "1e400" })
	void aHugeExpiresInOfAnOpaqueAuthTokenCountsAsADay(String expiresIn) {
		service.stubFor(find("api").willReturn(okJson(answer(OAUTH,
				"{\"type\":\"Bearer\",\"value\":\"opaque\",\"expires_in\":" + expiresIn + "}"))));
		DestinationService destinations = destinations();
		assertThat(destinations.require("api").authTokens().get(0).expiresAt())
			.isEqualTo(this.clock.instant().plus(Duration.ofHours(24)));
		this.clock.advance(Duration.ofMinutes(6));
		assertThat(destinations.require("api").authTokens()).hasSize(1);
		service.verify(exactly(2), getRequestedFor(urlPathEqualTo(PATH + "api")));
	}

	@Test
	void aHugeExpiresInOfAJwtCountsUntilItsExp() {
		String payload = "{\"exp\":" + this.clock.instant().plusSeconds(1800).getEpochSecond() + "}";
		String jwt = "eyJhbGciOiJub25lIn0."
				+ Base64.getUrlEncoder().withoutPadding().encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + ".c2ln";
		answerWith("api", OAUTH, Map.of("type", "Bearer", "value", jwt, "expires_in", "9223372036854775807"));
		assertThat(destinations().require("api").authTokens().get(0).expiresAt())
			.isEqualTo(this.clock.instant().plusSeconds(1800));
	}

	@ParameterizedTest
	@ValueSource(strings = { "-5", "-1e400" })
	void aNegativeExpiresInIsARefusedAnswerNotAnExpiredToken(String expiresIn) {
		service.stubFor(find("api").willReturn(okJson(answer(OAUTH,
				"{\"type\":\"Bearer\",\"value\":\"opaque\",\"expires_in\":" + expiresIn + "}"))));
		assertThatExceptionOfType(DestinationException.class).isThrownBy(() -> destinations().require("api"))
			.withMessageEndingWith("reading the Destination service's answer failed: authTokens[0].expires_in is negative")
			.satisfies((ex) -> assertThat(ex.getStep()).isEqualTo(DestinationException.Step.READ));
		service.verify(exactly(1), getRequestedFor(urlPathEqualTo(PATH + "api")));
	}

	@Test
	void anExpiresInThatIsNoNumberNamesTheEntry() {
		service.stubFor(find("api").willReturn(okJson(answer(OAUTH,
				"{\"type\":\"Bearer\",\"value\":\"a\",\"expires_in\":\"60\"},"
						+ "{\"type\":\"Bearer\",\"value\":\"b\",\"expires_in\":\"soon\"}"))));
		assertThatExceptionOfType(DestinationException.class).isThrownBy(() -> destinations().require("api"))
			.withMessageEndingWith("authTokens[1].expires_in is not a number");
	}

	@Test
	void anAnswerLargerThanTheLimitIsRefusedNamingThePropertyAndNotRetried() {
		Map<String, String> configuration = new LinkedHashMap<>(basicOnPremise("erp", "http://erp.virtual"));
		configuration.put("Description", "d".repeat(4096));
		service.stubFor(find("erp").willReturn(okJson(answer(configuration, ""))));
		assertThatExceptionOfType(DestinationException.class)
			.isThrownBy(() -> destinations(DataSize.ofKilobytes(4)).require("erp"))
			.withMessage("Destination 'erp' for the provider tenant: reading the Destination service's answer failed: "
					+ "the answer is larger than btp.http.max-response-size (4KB)");
		service.verify(exactly(1), getRequestedFor(urlPathEqualTo(PATH + "erp")));
		assertThat(destinations(DataSize.ofKilobytes(5)).require("erp").property("Description")).hasValue("d".repeat(4096));
	}

	private static void assertClean(CapturedOutput output) {
		assertThat(output.getAll().lines()).noneMatch((line) -> line.startsWith("2026-01-01 ERROR FORGED"));
		assertThat(output.getAll()).doesNotContain(USER_JWT).doesNotContain(LONG_BASE64);
	}

}
