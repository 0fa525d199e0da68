package dev.btpboot.security.exchange;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.nimbusds.jwt.JWTClaimsSet;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.btpboot.security.jwt.JwtFixture;

import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggerConfiguration;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

import static dev.btpboot.security.HttpClients.bearer;
import static dev.btpboot.security.HttpClients.get;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * btp.security.token-exchange=force-xsuaa with xsuaa and identity bound, both served by WireMock,
 * through a real server of each stack (the subclasses, with {@code logging.level.dev.btpboot=DEBUG}):
 * an IAS user is authenticated by the XSUAA token exchanged for its IAS token, once per user token;
 * a refused exchange is a 401 whose log line holds no token, warned about at most once a minute per
 * cause; an outage of the token endpoint is a 503 with {@code Retry-After} and no refusal to
 * remember.
 */
@ExtendWith(OutputCaptureExtension.class)
abstract class AbstractTokenExchangeForceXsuaaHttpTests {

	private static final LoggingSystem logging = LoggingSystem
		.get(AbstractTokenExchangeForceXsuaaHttpTests.class.getClassLoader());

	private static LogLevel levelBefore;

	TokenExchangeFixture fixture = fixture();

	@LocalServerPort
	int port;

	/** @return the XSUAA and IAS of the subclass */
	abstract TokenExchangeFixture fixture();

	@BeforeAll
	static void rememberLogLevel() {
		LoggerConfiguration configuration = logging.getLoggerConfiguration("dev.btpboot");
		levelBefore = (configuration != null) ? configuration.getConfiguredLevel() : null;
	}

	/** The cached context keeps running, and its DEBUG level must not reach later test classes. */
	@AfterAll
	static void restoreLogLevel() {
		logging.setLogLevel("dev.btpboot", levelBefore);
	}

	@Test
	void anIasUserHasTheAuthoritiesOfTheScopesOfItsExchangedXsuaaToken() {
		String iasToken = fixture.iasUserToken();
		fixture.exchangesTo(iasToken, "Viewer");
		assertThat(get(this.port, "/viewer", "Authorization", bearer(iasToken)).statusCode()).isEqualTo(200);
		assertThat(get(this.port, "/me", "Authorization", bearer(iasToken)).body())
			.isEqualTo("bob@example.com|tenant-2|[Viewer]");
	}

	@Test
	void anIasUserWhoseXsuaaTokenLacksTheScopeIsForbidden() {
		String iasToken = fixture.iasUserToken();
		fixture.exchangesTo(iasToken, "Other");
		assertThat(get(this.port, "/viewer", "Authorization", bearer(iasToken)).statusCode()).isEqualTo(403);
	}

	@Test
	void aHundredRequestsWithTheSameUserTokenMakeOneExchange() {
		String iasToken = fixture.iasUserToken();
		fixture.exchangesTo(iasToken, "Viewer");
		for (int i = 0; i < 100; i++) {
			assertThat(get(this.port, "/viewer", "Authorization", bearer(iasToken)).statusCode()).isEqualTo(200);
		}
		fixture.verifyOneExchange(iasToken);
	}

	@Test
	void aRefusedExchangeIsUnauthorizedAndItsLogLineHoldsNoToken(CapturedOutput output) {
		String iasToken = fixture.iasUserToken();
		fixture.refusesToExchange(iasToken);
		HttpResponse<String> response = get(this.port, "/me", "Authorization", bearer(iasToken));
		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(response.headers().firstValue("WWW-Authenticate")).get()
			.asString()
			.startsWith("Bearer")
			.contains("invalid_token");
		assertThat(output).contains("could not be exchanged for an XSUAA token (btp.security.token-exchange=force-xsuaa)")
			.contains("invalid_grant")
			.doesNotContain(iasToken.substring(iasToken.lastIndexOf('.') + 1))
			.doesNotContain(iasToken.substring(0, iasToken.indexOf('.', iasToken.indexOf('.') + 1)));
	}

	@Test
	void aHundredRequestsWithTheSameUserTokenMakeOneExchangeAndFetchTheXsuaaKeysOnce() {
		String zone = "zone-" + UUID.randomUUID();
		String iasToken = fixture.iasUserToken();
		fixture.answersExchangeWith(iasToken,
				JwtFixture.sign(fixture.jwt.xsuaaKey, fixture.xsuaaUserClaims(zone, "Viewer").build()));
		for (int i = 0; i < 100; i++) {
			assertThat(get(this.port, "/viewer", "Authorization", bearer(iasToken)).statusCode()).isEqualTo(200);
		}
		fixture.verifyOneExchange(iasToken);
		assertThat(fixture.xsuaaKeyFetches(zone)).isEqualTo(1);
	}

	@Test
	void anExchangedTokenNotSignedByAKeyOfTheXsuaaBindingIsUnauthorizedAndItsLogLineNamesTheCheck(
			CapturedOutput output) {
		String iasToken = fixture.iasUserToken();
		// The key id the binding publishes, with other key material: only the signature tells.
		String forged = fixture.answersExchangeWith(iasToken, JwtFixture
			.sign(JwtFixture.key(fixture.jwt.xsuaaKey.getKeyID()), fixture.xsuaaUserClaims("tenant-2", "Viewer").build()));
		HttpResponse<String> response = get(this.port, "/viewer", "Authorization", bearer(iasToken));
		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(response.headers().firstValue("WWW-Authenticate")).get().asString().contains("invalid_token");
		assertThat(output).contains("could not be exchanged for an XSUAA token (btp.security.token-exchange=force-xsuaa)"
				+ ": the JWT decoder refused the exchanged XSUAA token")
			.contains("signature (by a key the xsuaa binding publishes)");
		assertNoPartOf(output, iasToken);
		assertNoPartOf(output, forged);
	}

	@Test
	void anExchangedTokenBoundToTheApplicationsOwnCertificateAuthenticatesTheUser() {
		String iasToken = fixture.iasUserToken();
		fixture.answersExchangeWith(iasToken, JwtFixture.sign(fixture.jwt.xsuaaKey, fixture
			.xsuaaUserClaims("tenant-2", "Viewer")
			.claim("cnf", Map.of("x5t#S256", "dGhlLWFwcGxpY2F0aW9ucy1vd24tY2VydGlmaWNhdGU"))
			.build()));
		assertThat(get(this.port, "/me", "Authorization", bearer(iasToken)).body())
			.isEqualTo("bob@example.com|tenant-2|[Viewer]");
	}

	@Test
	void aRefusedTokenIsRememberedTheTokenEndpointIsAskedOnceAndOneWarningIsLogged(CapturedOutput output) {
		String iasToken = fixture.iasUserToken();
		fixture.refusesToExchange(iasToken, "invalid_token_remembered");
		for (int i = 0; i < 20; i++) {
			assertThat(get(this.port, "/me", "Authorization", bearer(iasToken)).statusCode()).isEqualTo(401);
		}
		fixture.verifyOneExchange(iasToken);
		assertThat(lines(output, " WARN ", "could not be exchanged")).isEqualTo(1);
		assertThat(lines(output, " DEBUG ", "it failed less than 30 s ago; the token endpoint is not asked again"))
			.isEqualTo(19);
		assertNoPartOf(output, iasToken);
	}

	/** @return how many lines of this level say an exchange failed with this error */
	private static long exchangeLines(CapturedOutput output, String level, String error) {
		return output.getOut()
			.lines()
			.filter((line) -> line.contains(level) && line.contains("could not be exchanged") && line.contains(error))
			.count();
	}

	private static long lines(CapturedOutput output, String level, String text) {
		return output.getOut().lines().filter((line) -> line.contains(level) && line.contains(text)).count();
	}

	/** Neither the signature nor header and payload of the token. */
	private static void assertNoPartOf(CapturedOutput output, String token) {
		assertThat(output).doesNotContain(token.substring(token.lastIndexOf('.') + 1))
			.doesNotContain(token.substring(0, token.indexOf('.', token.indexOf('.') + 1)));
	}

	@Test
	void refusalsOfOneCauseAreWarnedAboutAtMostOnceAMinuteAndOtherCausesStillAre(CapturedOutput output) {
		for (int i = 0; i < 3; i++) {
			String iasToken = fixture.iasUserToken();
			fixture.refusesToExchange(iasToken, "unauthorized_client");
			assertThat(get(this.port, "/me", "Authorization", bearer(iasToken)).statusCode()).isEqualTo(401);
		}
		String otherCause = fixture.iasUserToken();
		fixture.refusesToExchange(otherCause, "invalid_scope");
		assertThat(get(this.port, "/me", "Authorization", bearer(otherCause)).statusCode()).isEqualTo(401);
		assertThat(exchangeLines(output, " WARN ", "error=unauthorized_client")).isEqualTo(1);
		assertThat(exchangeLines(output, " DEBUG ", "error=unauthorized_client")).isEqualTo(2);
		assertThat(exchangeLines(output, " WARN ", "error=invalid_scope")).isEqualTo(1);
		assertThat(output).contains("(logged at most once a minute for this cause)");
	}

	@Test
	void anOutageOfTheTokenEndpointIsA503WithRetryAfterAndNotRememberedAsARefusal(CapturedOutput output) {
		String iasToken = fixture.iasUserToken();
		fixture.isUnavailableFor(iasToken);
		HttpResponse<String> unavailable = get(this.port, "/me", "Authorization", bearer(iasToken));
		assertThat(unavailable.statusCode()).isEqualTo(503);
		assertThat(unavailable.headers().firstValue("Retry-After")).hasValue("10");
		assertThat(unavailable.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(unavailable.body()).contains("\"status\":503").contains("\"title\":\"Service Unavailable\"");
		assertThat(output).contains("because the token endpoint is unavailable; the request is answered 503");
		// The outage ends: the next request is exchanged at once, not refused from memory.
		fixture.exchangesTo(iasToken, "Viewer");
		assertThat(get(this.port, "/viewer", "Authorization", bearer(iasToken)).statusCode()).isEqualTo(200);
		assertNoPartOf(output, iasToken);
	}

	@Test
	void aBrokenConnectionToTheTokenEndpointIsA503Too() {
		String iasToken = fixture.iasUserToken();
		fixture.dropsTheConnectionFor(iasToken);
		HttpResponse<String> unavailable = get(this.port, "/me", "Authorization", bearer(iasToken));
		assertThat(unavailable.statusCode()).isEqualTo(503);
		assertThat(unavailable.headers().firstValue("Retry-After")).hasValue("10");
		fixture.exchangesTo(iasToken, "Viewer");
		assertThat(get(this.port, "/me", "Authorization", bearer(iasToken)).body())
			.isEqualTo("bob@example.com|tenant-2|[Viewer]");
	}

	@Test
	void technicalIasCallersAreNotExchanged() {
		int before = fixture.exchangeRequests();
		String clientCredentials = JwtFixture.sign(fixture.jwt.iasKey, new JWTClaimsSet.Builder(fixture.jwt.iasClaims()
			.build()).subject("consumer-client")
			.claim("azp", "consumer-client")
			.claim("email", null)
			.claim("ias_apis", List.of("Viewer"))
			.build());
		assertThat(get(this.port, "/viewer", "Authorization", bearer(clientCredentials)).statusCode()).isEqualTo(200);
		assertThat(fixture.exchangeRequests()).isEqualTo(before);
	}

	@Test
	void xsuaaUsersAreNotExchanged() {
		int before = fixture.exchangeRequests();
		String xsuaaToken = JwtFixture.sign(fixture.jwt.xsuaaKey, fixture.jwt.xsuaaClaims().build());
		assertThat(get(this.port, "/me", "Authorization", bearer(xsuaaToken)).body())
			.isEqualTo("alice|tenant-1|[Viewer]");
		assertThat(fixture.exchangeRequests()).isEqualTo(before);
	}

}
