package dev.btpboot.security.jwt;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import com.code_intelligence.jazzer.api.BugDetectors;
import com.code_intelligence.jazzer.api.SilentCloseable;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import dev.btpboot.binding.ClientSecret;
import dev.btpboot.binding.IdentityCredentials;
import dev.btpboot.binding.XsuaaCredentials;
import dev.btpboot.testing.MutableClock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.slf4j.LoggerFactory;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fuzzes what a client controls in a bearer token, against XSUAA and IAS trust whose keys
 * WireMock serves: the syntax check, routing by issuer, per-zone and per-tenant key scopes and
 * the claim checks. The first input byte picks the shape: raw header text, a payload of the
 * fuzzer's bytes signed with a trusted key (where {@code ${uaa}}, {@code ${ias}}, {@code ${now}}
 * and {@code ${exp}} stand for the servers' addresses and times, so seeds can be valid tokens),
 * or a genuine token with the fuzzer's text spliced in.
 * Properties: the only failure is an {@link AuthenticationException} (a 401); a token accepted is
 * canonical ({@link JwtSyntax} agrees with re-encoding each segment); neither the failure's message
 * nor the log (DEBUG) echoes any part of the token; key requests, also for issuers the token
 * names, reach no address but WireMock's (Jazzer's SSRF detector is told to allow only that).
 * Regression mode runs the seeds in
 * {@code BearerTokenFuzzTestsInputs}; benchmarks/README.md has the command for a fuzzing run.
 */
class BearerTokenFuzzTests {

	private static final Pattern LONG_BASE64URL_RUN = Pattern.compile("[A-Za-z0-9_-]{20,}");

	static JwtFixture fixture;

	static MutableClock clock;

	static BearerTokenAuthenticator authenticator;

	static Level savedLevel;

	@BeforeAll
	static void start() {
		fixture = new JwtFixture().start();
		clock = new MutableClock(Instant.now());
		// Every key request goes to WireMock, also for issuers a token names under the bound domains
		// (http://<tenant>.localhost through it as proxy; https ones fail at its CONNECT).
		KeysHttpClient http = new KeysHttpClient(HttpClient.newBuilder()
			.connectTimeout(Duration.ofSeconds(1))
			.proxy(ProxySelector.of(new InetSocketAddress("127.0.0.1", fixture.server.port())))
			.build(), Duration.ofSeconds(5), JwtFixture.BODIES);
		IdentityCredentials identity = new IdentityCredentials("i", JwtFixture.IAS_CLIENT,
				new ClientSecret("ias-secret-value"), URI.create(fixture.iasUrl()),
				List.of("accounts.example.com", "localhost"), null);
		XsuaaCredentials xsuaa = new XsuaaCredentials("x", JwtFixture.XSUAA_CLIENT,
				new ClientSecret("xsuaa-secret-value"), URI.create("http://" + fixture.uaaDomain()), fixture.uaaDomain(),
				JwtFixture.XSAPPNAME, null, null, null);
		Rs256Decoders decoders = new Rs256Decoders(clock, List.of());
		BtpJwtDecoder decoder = new BtpJwtDecoder(
				List.of(new IasIssuer(identity, http, decoders), new XsuaaIssuer(xsuaa, http, decoders)), clock);
		BtpJwtAuthenticationConverter converter = new BtpJwtAuthenticationConverter(
				List.of(new IasUsers(identity), new XsuaaUsers(xsuaa)));
		authenticator = new BearerTokenAuthenticator(decoder, converter);
		Logger ours = (Logger) LoggerFactory.getLogger("dev.btpboot");
		savedLevel = ours.getLevel();
		ours.setLevel(Level.DEBUG);
	}

	@AfterAll
	static void stop() {
		((Logger) LoggerFactory.getLogger("dev.btpboot")).setLevel(savedLevel);
		fixture.server.stop();
	}

	@FuzzTest
	void bearerTokenSyntaxAndRouting(byte[] input) {
		// A new zone or issuer may be tried in every run, as if each came a few seconds apart.
		clock.advance(ScopedDecoders.NEW_SCOPE_INTERVAL);
		String token = token(input);
		PrintStream out = System.out;
		PrintStream err = System.err;
		ByteArrayOutputStream log = new ByteArrayOutputStream();
		PrintStream capture = new PrintStream(log, true, StandardCharsets.UTF_8);
		String refusal = null;
		System.setOut(capture);
		System.setErr(capture);
		try (SilentCloseable onlyWireMock = BugDetectors.allowNetworkConnections(
				(host, port) -> ("127.0.0.1".equals(host) || "localhost".equals(host)) && port == fixture.server.port())) {
			Authentication user = authenticator.authenticate(token, () -> null);
			assertThat(user.isAuthenticated()).isTrue();
			assertThat(JwtSyntax.isCanonical(token)).as("an accepted token is canonical").isTrue();
		}
		catch (AuthenticationException ex) {
			refusal = ex.getMessage();
		}
		finally {
			System.setOut(out);
			System.setErr(err);
		}
		assertThat(JwtSyntax.isCanonical(token)).as("syntax check of %s", token).isEqualTo(reencodesToItself(token));
		String output = log.toString(StandardCharsets.UTF_8);
		Matcher part = LONG_BASE64URL_RUN.matcher(token);
		while (part.find()) {
			assertThat(output).as("log").doesNotContain(part.group());
			if (refusal != null) {
				assertThat(refusal).as("refusal").doesNotContain(part.group());
			}
		}
	}

	/** The oracle for {@link JwtSyntax}: three segments that decode and encode back to the same text. */
	private static boolean reencodesToItself(String token) {
		String[] segments = token.split("\\.", -1);
		if (segments.length != 3) {
			return false;
		}
		for (String segment : segments) {
			try {
				if (segment.isEmpty() || !Base64.getUrlEncoder()
					.withoutPadding()
					.encodeToString(Base64.getUrlDecoder().decode(segment))
					.equals(segment)) {
					return false;
				}
			}
			catch (IllegalArgumentException ex) {
				return false;
			}
		}
		return true;
	}

	private static String token(byte[] input) {
		if (input.length < 2) {
			return "x";
		}
		String text = new String(input, 2, input.length - 2, StandardCharsets.ISO_8859_1);
		return switch (input[0] & 0x03) {
			case 1 -> signed(((input[1] & 1) == 0) ? fixture.xsuaaKey : fixture.iasKey, payload(text));
			case 2 -> {
				String genuine = genuine((input[1] & 1) == 0);
				int at = (input[1] & 0xff) * genuine.length() / 256;
				yield genuine.substring(0, at) + text + genuine.substring(at);
			}
			// The bearer filter never hands the authenticator an empty token.
			default -> text.isBlank() ? "x" : text;
		};
	}

	private static byte[] payload(String text) {
		long now = clock.instant().getEpochSecond();
		return text.replace("${uaa}", fixture.uaaDomain())
			.replace("${ias}", fixture.iasUrl())
			.replace("${now}", Long.toString(now))
			.replace("${exp}", Long.toString(now + 600))
			.getBytes(StandardCharsets.ISO_8859_1);
	}

	private static String signed(RSAKey key, byte[] payload) {
		try {
			JWSObject jws = new JWSObject(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(),
					new Payload(payload));
			jws.sign(new RSASSASigner(key));
			return jws.serialize();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String genuine(boolean xsuaa) {
		Date now = Date.from(clock.instant());
		Date exp = Date.from(clock.instant().plusSeconds(600));
		return xsuaa ? JwtFixture.sign(fixture.xsuaaKey, fixture.xsuaaClaims().issueTime(now).expirationTime(exp).build())
				: JwtFixture.sign(fixture.iasKey, fixture.iasClaims().issueTime(now).expirationTime(exp).build());
	}

}
