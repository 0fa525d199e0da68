package dev.btpboot.token;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ProxySelector;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.sap.cloud.security.xsuaa.client.OAuth2ServiceException;
import com.sap.cloud.security.xsuaa.tokenflows.XsuaaTokenFlows;
import dev.btpboot.binding.XsuaaCredentials;
import dev.btpboot.testing.DebugLogging;
import dev.btpboot.testing.MutableClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.util.unit.DataSize;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
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
 * What a token endpoint answers reaches exceptions and logs only as {@link PeerText} lets it
 * through (issue 19 §3), is read only up to {@code btp.http.max-response-size}, and its numbers
 * saturate (§4). DEBUG is on for the starter and token-client throughout.
 */
@ExtendWith({ OutputCaptureExtension.class, DebugLogging.class })
class TokenEndpointPeerInputTests {

	private static final String TOKEN_PATH = "/oauth/token";

	private static final String ASSERTION = TokenTestSupport.jwt("{\"sub\":\"grace\",\"email\":\"grace@example.com\"}");

	private static final String LONG_BASE64 = PeerTextTests.LONG_BASE64.substring(0, 43);

	/** A forged log line, the user's assertion echoed, and a secret. */
	private static final String HOSTILE = "Bad assertion\r\n2026-01-01 ERROR FORGED admin signed in\r\nassertion="
			+ ASSERTION + " client_secret=" + LONG_BASE64;

	@RegisterExtension
	static final WireMockExtension server = WireMockExtension.newInstance()
		.options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"))
		.build();

	private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));

	private final TokenTestSupport.RecordingSleeper sleeper = new TokenTestSupport.RecordingSleeper();

	private final XsuaaCredentials credentials = TokenTestSupport.xsuaa("peer-xsuaa", "http://127.0.0.1");

	private TokenProviderFactory factory(DataSize maxResponseSize) {
		return new TokenProviderFactory(new TokenProperties(), new ResponseBodies(maxResponseSize), this.clock,
				Runnable::run, TokenObserver.Factory.NONE,
				TokenHttpClients.JVM_DEFAULTS.through(ProxySelector.of(new InetSocketAddress("127.0.0.1", server.getPort()))),
				this.sleeper, OutgoingHeaders.NONE);
	}

	private TokenProvider provider() {
		return factory(DataSize.ofMegabytes(1)).xsuaaIssuedProvider(this.credentials);
	}

	private static void refuse(String error, String description) {
		server.stubFor(post(TOKEN_PATH).willReturn(aResponse().withStatus(400)
			.withHeader("Content-Type", "application/json")
			.withBody(new tools.jackson.databind.json.JsonMapper()
				.writeValueAsString(Map.of("error", error, "error_description", description)))));
	}

	@Test
	void anEchoedAssertionAndForgedLinesInTheDescriptionNeverReachExceptionOrLog(CapturedOutput output) {
		refuse("invalid_grant", HOSTILE);
		TokenProvider provider = provider();
		assertThatExceptionOfType(TokenRequestException.class).isThrownBy(() -> provider.jwtBearer(ASSERTION))
			.satisfies((ex) -> {
				assertThat(ex.getError()).isEqualTo("invalid_grant");
				assertThat(ex.getHttpStatus()).isEqualTo(400);
				assertThat(ex.getErrorDescription()).isEqualTo(
						"Bad assertion 2026-01-01 ERROR FORGED admin signed in assertion=[redacted JWT] client_secret=[redacted]");
				assertThat(ex.getMessage()).endsWith("[HTTP 400] error=invalid_grant error_description=Bad assertion "
						+ "2026-01-01 ERROR FORGED admin signed in assertion=[redacted JWT] client_secret=[redacted]");
			});
		assertThatExceptionOfType(TokenRequestException.class).isThrownBy(provider::clientCredentials)
			.withMessageContaining("assertion=[redacted JWT]");
		assertThat(output.getAll()).contains("logged once until a token request succeeds again",
				"error_description=Bad assertion 2026-01-01 ERROR FORGED");
		assertClean(output);
	}

	@Test
	void theFlowsOfTokenClientSeeTheCleanedTextToo(CapturedOutput output) {
		refuse("invalid_grant", HOSTILE);
		XsuaaTokenFlows flows = XsuaaTokenFlowsFactory.create(factory(DataSize.ofMegabytes(1)), this.credentials);
		assertThatExceptionOfType(Exception.class)
			.isThrownBy(() -> flows.jwtBearerTokenFlow().token(ASSERTION).execute())
			.satisfies((ex) -> {
				Throwable cause = ex;
				while (cause != null && !(cause instanceof OAuth2ServiceException)) {
					cause = cause.getCause();
				}
				assertThat(cause).isNotNull();
				assertThat(cause.getMessage()).contains("assertion=[redacted JWT]").doesNotContain(ASSERTION);
			});
		assertClean(output);
	}

	@Test
	void anErrorCodeOutsideRfc6749IsCleanedAndARegisteredOneIsKept(CapturedOutput output) {
		refuse("invalid_client\r\nFORGED " + ASSERTION, "x");
		assertThatExceptionOfType(TokenRequestException.class).isThrownBy(provider()::clientCredentials)
			.satisfies((ex) -> assertThat(ex.getError()).isEqualTo("invalid_client FORGED [redacted JWT]"));
		assertClean(output);
	}

	@Test
	void aDescriptionIsCutAt200Characters() {
		refuse("server_error", "d".repeat(5000));
		assertThatExceptionOfType(TokenRequestException.class).isThrownBy(provider()::clientCredentials)
			.satisfies((ex) -> assertThat(ex.getErrorDescription()).isEqualTo("d".repeat(200) + "..."));
	}

	@Test
	void anAnswerLargerThanTheLimitIsRefusedNamingThePropertyAndNotRetried() {
		String padded = "{\"access_token\":\"t\",\"expires_in\":3600,\"padding\":\"" + "p".repeat(2000) + "\"}";
		server.stubFor(post(TOKEN_PATH).willReturn(okJson(padded)));
		TokenProvider small = factory(DataSize.ofKilobytes(1)).xsuaaIssuedProvider(this.credentials);
		assertThatExceptionOfType(TokenRequestException.class).isThrownBy(small::clientCredentials)
			.withMessageEndingWith(": the answer is larger than btp.http.max-response-size (1KB); not retried");
		server.verify(exactly(1), postRequestedFor(urlEqualTo(TOKEN_PATH)));
		assertThat(factory(DataSize.ofKilobytes(4)).xsuaaIssuedProvider(this.credentials).clientCredentials().value())
			.isEqualTo("t");
	}

	@Test
	void aChunkedAnswerLargerThanTheLimitIsCutWhileItArrives() {
		String padded = "{\"access_token\":\"t\",\"expires_in\":3600,\"padding\":\"" + "p".repeat(8000) + "\"}";
		server.stubFor(post(TOKEN_PATH).willReturn(okJson(padded).withChunkedDribbleDelay(8, 40)));
		TokenProvider small = factory(DataSize.ofKilobytes(1)).xsuaaIssuedProvider(this.credentials);
		assertThatExceptionOfType(TokenRequestException.class).isThrownBy(small::clientCredentials)
			.withMessageEndingWith(": the answer is larger than btp.http.max-response-size (1KB); not retried");
	}

	@Test
	void aRetryAfterTooLargeForALongEndsTheRetriesLikeAnyLongerThanTheMaximumBackoff() {
		server.stubFor(post(TOKEN_PATH).withRequestBody(containing("client_credentials"))
			.willReturn(aResponse().withStatus(429).withHeader("Retry-After", "99999999999999999999999")));
		assertThatExceptionOfType(TokenRequestException.class).isThrownBy(provider()::clientCredentials)
			.withMessageContaining("HTTP 429");
		server.verify(exactly(1), postRequestedFor(urlEqualTo(TOKEN_PATH)));
		assertThat(this.sleeper.sleeps).isEmpty();
	}

	@Test
	void anExpiresInOfInfinityIsKeptAtMostADay() {
		server.stubFor(post(TOKEN_PATH).willReturn(okJson("{\"access_token\":\"opaque\",\"expires_in\":1e400}")));
		assertThat(provider().clientCredentials().expiresAt())
			.isEqualTo(this.clock.instant().plus(TokenLifetime.MAX_OPAQUE_LIFETIME));
		server.resetAll();
		server.stubFor(post(TOKEN_PATH).willReturn(okJson("{\"access_token\":\"opaque\",\"expires_in\":-1e400}")));
		assertThatExceptionOfType(TokenRequestException.class).isThrownBy(provider()::clientCredentials)
			.withMessageContaining("expires_in is negative");
		server.resetAll();
		server.stubFor(post(TOKEN_PATH)
			.willReturn(okJson("{\"access_token\":\"opaque\",\"expires_in\":\"" + "9".repeat(1001) + "\"}")));
		assertThatExceptionOfType(TokenRequestException.class).isThrownBy(provider()::clientCredentials)
			.withMessageContaining("expires_in is not a number");
	}

	@Test
	void aMalformedStatusLineTheJdkQuotesIsCleanedToo(CapturedOutput output) throws Exception {
		try (ServerSocket peer = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
			Thread answering = new Thread(() -> {
				for (int i = 0; i < 3; i++) {
					try (Socket socket = peer.accept()) {
						socket.getInputStream().read(new byte[8192]);
						socket.getOutputStream()
							.write(("HTTP/1.1 2OO assertion=" + ASSERTION + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
						socket.getOutputStream().flush();
					}
					catch (IOException ex) {
						return;
					}
				}
			});
			answering.setDaemon(true);
			answering.start();
			XsuaaCredentials direct = TokenTestSupport.xsuaa("status-line", "http://127.0.0.1:" + peer.getLocalPort());
			TokenProvider provider = new TokenProviderFactory(new TokenProperties(),
					new ResponseBodies(DataSize.ofMegabytes(1)), this.clock, Runnable::run, TokenObserver.Factory.NONE,
					TokenHttpClients.JVM_DEFAULTS, this.sleeper, OutgoingHeaders.NONE)
				.xsuaaIssuedProvider(direct);
			assertThatExceptionOfType(TokenRequestException.class).isThrownBy(provider::clientCredentials)
				.withMessageContaining("I/O error: ProtocolException Invalid status line: \"HTTP/1.1 2OO assertion=[redacted JWT]");
		}
		assertClean(output);
	}

	private static void assertClean(CapturedOutput output) {
		assertThat(output.getAll().lines()).noneMatch((line) -> line.startsWith("2026-01-01 ERROR FORGED"))
			.noneMatch((line) -> line.startsWith("FORGED"));
		assertThat(output.getAll()).doesNotContain(ASSERTION)
			.doesNotContain(ASSERTION.substring(ASSERTION.indexOf('.') + 1, ASSERTION.lastIndexOf('.')))
			.doesNotContain(LONG_BASE64)
			.doesNotContain(SECRET);
	}

}
