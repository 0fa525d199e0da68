package dev.btpboot.destination;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.btpboot.token.BtpHttpProperties;
import dev.btpboot.token.OutgoingHeaders;
import dev.btpboot.token.ResponseBodies;
import dev.btpboot.token.TokenProperties;

/**
 * Fuzzes the reading of the Destination service's "find destination" answer (issue 19 §4): the
 * first input byte picks the HTTP status (low 7 bits) and whether the body continues a planted
 * answer that holds a password and a token (high bit; the fuzzer then writes from the first
 * auth token's {@code expires_in} on); the rest is the body. Properties: the answer becomes a
 * destination or a {@link DestinationException}, nothing else (no {@code ArithmeticException} or
 * {@code DateTimeException} from a peer's number); every auth token expires within a day of now
 * or with its JWT, never before now; no message, {@code error} or {@code toString} (of the
 * destination and of each auth token) holds a
 * control character, the planted password or the planted token (unless the fuzzer wrote it
 * itself). Seeds: {@code DestinationAnswerFuzzTestsInputs}; regression mode runs only those.
 */
class DestinationAnswerFuzzTests {

	private static final List<Integer> STATUSES = List.of(200, 200, 200, 400, 401, 403, 408, 429, 500, 503);

	private static final String SECRET = "PlantedDestinationPassw0rd";

	private static final String TOKEN = "eyJhbGciOiJub25lIn0.eyJzdWIiOiJwbGFudGVkIn0.UGxhbnRlZFNpZ25hdHVyZQ";

	private static final String PLANTED = "{\"owner\":{\"SubaccountId\":\"s\",\"InstanceId\":null},"
			+ "\"destinationConfiguration\":{\"Name\":\"erp\",\"Type\":\"HTTP\",\"URL\":\"http://erp.virtual\","
			+ "\"Authentication\":\"BasicAuthentication\",\"User\":\"u\",\"Password\":\"" + SECRET + "\"},"
			+ "\"authTokens\":[{\"type\":\"Bearer\",\"value\":\"" + TOKEN + "\",\"http_header\":{\"key\":"
			+ "\"Authorization\",\"value\":\"Bearer " + TOKEN + "\"},\"expires_in\":";

	private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

	/** The latest a JWT's {@code exp} may count: the end of the year 9999. */
	private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");

	private static final DestinationServiceClient client = new DestinationServiceClient(
			URI.create("http://127.0.0.1:9"), new TokenProperties(),
			new ResponseBodies(new BtpHttpProperties().getMaxResponseSize()), Clock.fixed(NOW, ZoneOffset.UTC),
			DestinationObserver.NONE, OutgoingHeaders.NONE);

	@FuzzTest
	void answerReadsAsADestinationOrAClearRefusal(byte[] input) {
		int selector = (input.length > 0) ? input[0] & 0xff : 0;
		int status = STATUSES.get((selector & 0x7f) % STATUSES.size());
		String text = (input.length > 1) ? new String(input, 1, input.length - 1, StandardCharsets.UTF_8) : "";
		String body = ((selector & 0x80) != 0) ? PLANTED + text : text;
		boolean plantedByFuzzer = text.contains(SECRET) || text.contains(TOKEN)
				|| text.contains(TOKEN.substring(TOKEN.lastIndexOf('.') + 1));
		try {
			Destination destination = client.read("erp", null, status, body);
			check(status == 200, "a destination from an answer with HTTP " + status);
			checkLoggable(destination.toString(), plantedByFuzzer);
			for (AuthToken token : destination.authTokens()) {
				Instant expiresAt = token.expiresAt();
				check(expiresAt == null || (!expiresAt.isBefore(NOW)
						&& (!expiresAt.isAfter(NOW.plus(Duration.ofDays(1))) || !expiresAt.isAfter(LATEST))),
						"an auth token expiring at " + expiresAt);
				checkLoggable(token.error(), plantedByFuzzer);
				checkLoggable(token.toString(), plantedByFuzzer);
			}
		}
		catch (DestinationException ex) {
			checkLoggable(ex.getMessage(), plantedByFuzzer);
			check(ex.getCause() == null, "a cause that may quote the answer: " + ex.getCause());
		}
	}

	private static void checkLoggable(String text, boolean plantedByFuzzer) {
		if (text == null) {
			return;
		}
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			check(!Character.isISOControl(c) && c != '\u2028' && c != '\u2029', "a control character in: " + text);
		}
		if (!plantedByFuzzer) {
			check(!text.contains(SECRET) && !text.contains(TOKEN), "the planted password or token in: " + text);
		}
	}

	// Plain checks: AssertJ classes would each be instrumented by Jazzer, which costs seconds per run.
	private static void check(boolean condition, String failure) {
		if (!condition) {
			throw new AssertionError(failure);
		}
	}

}
