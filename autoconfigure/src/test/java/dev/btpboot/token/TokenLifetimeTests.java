package dev.btpboot.token;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.btpboot.binding.IdentityCredentials;
import dev.btpboot.binding.XsuaaCredentials;
import dev.btpboot.testing.MutableClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.exactly;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static dev.btpboot.token.TokenTestSupport.SECRET;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Hostile or odd {@code expires_in} from a real token endpoint (issue 9 §4): the lifetime is
 * bounded by the token's own {@code exp} when it is a JWT, else by 24 hours; {@code 0} or no
 * {@code expires_in} means the {@code exp} or a short default; a token response that is well-formed
 * JSON but not a token response is not retried.
 */
class TokenLifetimeTests {

	private static final String TOKEN_PATH = "/oauth/token";

	private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

	@RegisterExtension
	static final WireMockExtension server = WireMockExtension.newInstance()
		.options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"))
		.build();

	private final MutableClock clock = new MutableClock(NOW);

	private final TokenTestSupport.RecordingSleeper sleeper = new TokenTestSupport.RecordingSleeper();

	private final TokenProviderFactory factory = TokenTestSupport.factory(new TokenProperties(), this.clock,
			Runnable::run, TokenObserver.Factory.NONE, null, 0, this.sleeper);

	private String url() {
		return "http://127.0.0.1:" + server.getPort();
	}

	private XsuaaIssuedTokenProvider xsuaa() {
		return this.factory.xsuaaIssuedProvider(XsuaaCredentials.from(TokenTestSupport.binding("life",
				"xsuaa", Map.of("clientid", "sb-life", "clientsecret", SECRET, "url", url(), "uaadomain",
						"localhost", "xsappname", "life"))));
	}

	private IdentityTokenProvider ias() {
		return this.factory.identity(IdentityCredentials.from(TokenTestSupport.binding("life-ias", "identity",
				Map.of("clientid", "ias-life", "clientsecret", SECRET, "url", url(), "domains",
						List.of("localhost")))));
	}

	private static void answer(String path, String body) {
		server.stubFor(post(path).willReturn(okJson(body)));
	}

	private static String response(String accessToken, String expiresIn) {
		return "{\"access_token\":\"" + accessToken + "\",\"token_type\":\"bearer\""
				+ ((expiresIn != null) ? ",\"expires_in\":" + expiresIn : "") + "}";
	}

	@ParameterizedTest
	@ValueSource(strings = { "9223372036854775807", "1e16", "31556889864403199", "1e300",
			"99999999999999999999999" })
	void aHugeExpiresInOfAnOpaqueTokenIsKeptAtMostADayAndCached(String expiresIn) {
		answer(TOKEN_PATH, response("opaque", expiresIn));
		XsuaaIssuedTokenProvider provider = xsuaa();
		assertThat(provider.clientCredentials().expiresAt()).isEqualTo(NOW.plus(Duration.ofHours(24)));
		assertThat(provider.clientCredentials().value()).isEqualTo("opaque");
		server.verify(exactly(1), postRequestedFor(urlEqualTo(TOKEN_PATH)));
	}

	@Test
	void aHugeExpiresInFromIasIsKeptAtMostADay() {
		answer("/oauth2/token", response("opaque", "9223372036854775807"));
		assertThat(ias().clientCredentials().expiresAt()).isEqualTo(NOW.plus(Duration.ofHours(24)));
	}

	@ParameterizedTest
	@ValueSource(strings = { "9223372036854775807", "1e16", "31556889864403199", "0" })
	void aJwtIsKeptUntilItsOwnExp(String expiresIn) {
		String jwt = TokenTestSupport.jwt("{\"sub\":\"client\",\"exp\":" + NOW.plusSeconds(1800).getEpochSecond() + "}");
		answer(TOKEN_PATH, response(jwt, expiresIn));
		assertThat(xsuaa().clientCredentials().expiresAt()).isEqualTo(NOW.plusSeconds(1800));
	}

	@Test
	void aJwtWithoutExpiresInIsKeptUntilItsOwnExpAndAShorterExpiresInWins() {
		String jwt = TokenTestSupport.jwt("{\"exp\":" + NOW.plusSeconds(1800).getEpochSecond() + "}");
		answer(TOKEN_PATH, response(jwt, null));
		assertThat(xsuaa().clientCredentials().expiresAt()).isEqualTo(NOW.plusSeconds(1800));
		answer(TOKEN_PATH, response(jwt, "600"));
		assertThat(xsuaa().clientCredentials().expiresAt()).isEqualTo(NOW.plusSeconds(600));
	}

	@Test
	void anExpClaimBeyondTheYear9999CountsAsNone() {
		String jwt = TokenTestSupport.jwt("{\"exp\":9223372036854775807}");
		answer(TOKEN_PATH, response(jwt, "9223372036854775807"));
		assertThat(xsuaa().clientCredentials().expiresAt()).isEqualTo(NOW.plus(Duration.ofHours(24)));
	}

	@ParameterizedTest
	@ValueSource(strings = { "0", "null", "\"\"" })
	void anOpaqueTokenWithoutALifetimeGetsTheShortDefaultAndIsCached(String expiresIn) {
		answer(TOKEN_PATH, (expiresIn.equals("\"\"")) ? response("opaque", null) : response("opaque", expiresIn));
		XsuaaIssuedTokenProvider provider = xsuaa();
		assertThat(provider.clientCredentials().expiresAt()).isEqualTo(NOW.plus(TokenLifetime.DEFAULT_LIFETIME));
		provider.clientCredentials();
		server.verify(exactly(1), postRequestedFor(urlEqualTo(TOKEN_PATH)));
	}

	@ParameterizedTest
	@ValueSource(strings = { "{\"token_type\":\"bearer\",\"expires_in\":3600}",
			"{\"access_token\":\"t\",\"expires_in\":-1}", "{\"access_token\":\"t\",\"expires_in\":\"soon\"}",
			"[\"access_token\"]" })
	void aWellFormedAnswerThatIsNotATokenResponseIsNotRetried(String body) {
		answer(TOKEN_PATH, body);
		assertThatExceptionOfType(TokenRequestException.class).isThrownBy(xsuaa()::clientCredentials)
			.withMessageContaining("not a token response")
			.satisfies((ex) -> assertThat(ex.getHttpStatus()).isEqualTo(200));
		server.verify(exactly(1), postRequestedFor(urlEqualTo(TOKEN_PATH)));
		assertThat(this.sleeper.sleeps).isEmpty();
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "{\"access_token\": \"cut" })
	void anEmptyOrCutOffAnswerIsRetried(String body) {
		server.stubFor(post(TOKEN_PATH).inScenario("cut")
			.whenScenarioStateIs(Scenario.STARTED)
			.willReturn(aResponse().withStatus(200).withBody(body))
			.willSetStateTo("answered once"));
		server.stubFor(post(TOKEN_PATH).inScenario("cut")
			.whenScenarioStateIs("answered once")
			.willReturn(okJson(response("whole", "600"))));
		assertThat(xsuaa().clientCredentials().value()).isEqualTo("whole");
		server.verify(exactly(2), postRequestedFor(urlEqualTo(TOKEN_PATH)));
	}

	@Test
	void aJwtThatExpiredBeforeItArrivedIsRefusedAndNotCached() {
		String jwt = TokenTestSupport.jwt("{\"exp\":" + NOW.minusSeconds(5).getEpochSecond() + "}");
		answer(TOKEN_PATH, response(jwt, "3600"));
		XsuaaIssuedTokenProvider provider = xsuaa();
		assertThatExceptionOfType(TokenRequestException.class).isThrownBy(provider::clientCredentials)
			.withMessageContaining("expired")
			.withMessageNotContaining(jwt);
		assertThat(provider.cache().size()).isZero();
	}

}
