package dev.btpboot.connectivity.socks;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * The SOCKS5 handshake against a scripted proxy: whatever bytes the proxy answers with, the
 * handshake completes or fails with an {@link IOException} that names the step, and no message
 * (nor a cause's) shows the token. The script is the fuzzer's input; the first byte chooses the
 * target. In a normal build this runs over the committed seed corpus only.
 */
class Socks5HandshakeFuzzTests {

	private static final String TOKEN = "eyJhbGciOiJSUzI1NiJ9.planted-proxy-secret-7f3a.c2ln";

	private static final List<String> TARGETS = List.of("erp.virtual", "bücher.virtual", "10.1.2.3", "[::1]",
			"erp virtual", "x".repeat(256));

	private static final HandshakeInput INPUT = new HandshakeInput(
			InetSocketAddress.createUnresolved("connectivityproxy.internal", 20004), TOKEN, "eu-west",
			"ZXUtd2VzdA==", Duration.ofSeconds(10));

	@FuzzTest
	void replyParserFailsOnlyWithIOExceptionsNamingTheStep(byte[] input) {
		if (input.length == 0) {
			return;
		}
		String target = TARGETS.get((input[0] & 0xff) % TARGETS.size());
		byte[] replies = Arrays.copyOfRange(input, 1, input.length);
		ByteArrayOutputStream sent = new ByteArrayOutputStream();
		try {
			Socks5Handshake handshake = new Socks5Handshake(INPUT, target, 25);
			handshake.run(new ByteArrayInputStream(replies), sent, Deadline.of(INPUT.connectTimeout(), 0), 0,
					(millis) -> check(millis > 0, "a read may wait " + millis + " ms"));
			check(new String(sent.toByteArray(), StandardCharsets.ISO_8859_1).contains(TOKEN),
					"the handshake completed without sending the token");
		}
		catch (IOException ex) {
			String message = String.valueOf(ex.getMessage());
			check(message.contains(" failed at step '") || message.startsWith("Cannot connect to "),
					"a failure that names no step: " + message);
			for (Throwable failure = ex; failure != null; failure = failure.getCause()) {
				check(!String.valueOf(failure.getMessage()).contains(TOKEN), "the token is in a message");
			}
		}
	}

	// Plain checks: AssertJ classes would each be instrumented by Jazzer, which costs seconds per run.
	private static void check(boolean condition, String failure) {
		if (!condition) {
			throw new AssertionError(failure);
		}
	}

}
