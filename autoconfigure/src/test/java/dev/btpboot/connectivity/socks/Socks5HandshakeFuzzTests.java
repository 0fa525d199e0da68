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
 * handshake does what a reference reading of the protocol, written apart in this test, says:
 * it completes having read exactly the replies' bytes (a byte too many or too few would shift the
 * tunnel), or fails at the step and for the reason the reference names; no message (nor a
 * cause's) shows the token. The script is the fuzzer's input; the first byte chooses the target.
 * In a normal build this runs over the committed seed corpus only.
 */
class Socks5HandshakeFuzzTests {

	private static final String TOKEN = "eyJhbGciOiJSUzI1NiJ9.planted-proxy-secret-7f3a.c2ln";

	private static final List<String> TARGETS = List.of("erp.virtual", "bücher.virtual", "10.1.2.3", "[::1]",
			"erp virtual", "x".repeat(256));

	private static final HandshakeInput INPUT = new HandshakeInput(
			InetSocketAddress.createUnresolved("connectivityproxy.internal", 20004), TOKEN, "eu-west",
			"ZXUtd2VzdA==", Duration.ofSeconds(10));

	@FuzzTest
	void replyParserAgreesWithTheProtocolByteForByte(byte[] input) {
		if (input.length == 0) {
			return;
		}
		int targetIndex = (input[0] & 0xff) % TARGETS.size();
		String target = TARGETS.get(targetIndex);
		byte[] replies = Arrays.copyOfRange(input, 1, input.length);
		Expected expected = (targetIndex >= 3) ? null : expected(replies);
		ByteArrayInputStream in = new ByteArrayInputStream(replies);
		ByteArrayOutputStream sent = new ByteArrayOutputStream();
		try {
			Socks5Handshake handshake = new Socks5Handshake(INPUT, target, 25);
			handshake.run(in, sent, Deadline.of(INPUT.connectTimeout(), 0), 0,
					(millis) -> check(millis > 0, "a read may wait " + millis + " ms"));
			check(expected != null && expected.step() == null, "succeeded where the protocol says: " + expected);
			check(replies.length - in.available() == expected.consumed(), "read " + (replies.length - in.available())
					+ " bytes of the replies where the protocol has " + expected.consumed() + ": the tunnel is off");
			check(new String(sent.toByteArray(), StandardCharsets.ISO_8859_1).contains(TOKEN),
					"the handshake completed without sending the token");
		}
		catch (IOException ex) {
			String message = String.valueOf(ex.getMessage());
			if (expected == null) {
				check(message.startsWith("Cannot connect to "), "a target the proxy cannot take: " + message);
			}
			else {
				check(expected.step() != null, "failed where the protocol says it succeeds: " + message);
				check(message.contains(" failed at step '" + expected.step() + "': " + expected.problem()),
						"expected step '" + expected.step() + "' and '" + expected.problem() + "', got: " + message);
			}
			for (Throwable failure = ex; failure != null; failure = failure.getCause()) {
				check(!String.valueOf(failure.getMessage()).contains(TOKEN), "the token is in a message");
			}
		}
	}

	/**
	 * What the protocol (ARCHITECTURE.md §6) makes of the proxy's replies, written apart from the
	 * handshake: success after exactly so many bytes, or the step that fails and why.
	 */
	private static Expected expected(byte[] r) {
		if (r.length < 2) {
			return closed("method selection");
		}
		if (r[0] != 5) {
			return garbage("method selection", r[0]);
		}
		if ((r[1] & 0xff) != 0x80) {
			return new Expected(0, "method selection", String.format("the proxy chose method 0x%02x", r[1] & 0xff));
		}
		if (r.length < 4) {
			return closed("authentication");
		}
		if (r[2] != 1) {
			return garbage("authentication", r[2]);
		}
		if (r[3] != 0) {
			return new Expected(0, "authentication",
					String.format("the proxy refused the token (status 0x%02x)", r[3] & 0xff));
		}
		if (r.length < 6) {
			return closed("connect");
		}
		if (r[4] != 5) {
			return garbage("connect", r[4]);
		}
		if (r[5] != 0) {
			return new Expected(0, "connect",
					String.format("the proxy refused the connection (SOCKS5 reply 0x%02x)", r[5] & 0xff));
		}
		if (r.length < 8) {
			return closed("connect");
		}
		int addressEnd;
		switch (r[7]) {
			case 1 -> addressEnd = 8 + 4;
			case 4 -> addressEnd = 8 + 16;
			case 3 -> {
				if (r.length < 9) {
					return closed("connect");
				}
				addressEnd = 9 + (r[8] & 0xff);
			}
			default -> {
				return garbage("connect", r[7]);
			}
		}
		return (r.length < addressEnd + 2) ? closed("connect") : new Expected(addressEnd + 2, null, null);
	}

	private static Expected closed(String step) {
		return new Expected(0, step, "the proxy closed the connection in the middle of the handshake");
	}

	private static Expected garbage(String step, byte value) {
		return new Expected(0, step, String.format("the proxy answered with an unexpected byte 0x%02x", value & 0xff));
	}

	/**
	 * @param consumed on success, how many bytes of the replies the handshake must read
	 * @param step the step that fails, or {@code null} for success
	 * @param problem the start of the failure's problem
	 */
	private record Expected(int consumed, String step, String problem) {
	}

	// Plain checks: AssertJ classes would each be instrumented by Jazzer, which costs seconds per run.
	private static void check(boolean condition, String failure) {
		if (!condition) {
			throw new AssertionError(failure);
		}
	}

}
