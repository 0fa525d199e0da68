package dev.btpboot.connectivity.socks;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;

import dev.btpboot.connectivity.ConnectivityConfigurationException;
import dev.btpboot.testing.FakeConnectivityTokens;
import dev.btpboot.testing.NotAcceptingServer;
import dev.btpboot.testing.TestSocks5Proxy;
import dev.btpboot.testing.TestSocks5Proxy.Failure;
import dev.btpboot.testing.TestSocks5Proxy.Handshake;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * The SOCKS5 {@code 0x80} socket against the strict test proxy: the bytes it sends, relaying, and
 * every way the handshake can fail, with messages that say the step and never show the token.
 */
class ConnectivitySocketTests {

	private static final String TOKEN = FakeConnectivityTokens.ownTenantToken();

	private static final TestSocks5Proxy proxy = new TestSocks5Proxy();

	private static ServerSocket echo;

	private final ConnectivitySocketFactory factory = new ConnectivitySocketFactory(
			() -> InetSocketAddress.createUnresolved("127.0.0.1", proxy.port()), () -> TOKEN, "eu-west");

	@BeforeAll
	static void startEchoServer() throws IOException {
		echo = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
		Thread acceptor = new Thread(() -> {
			while (!echo.isClosed()) {
				try {
					Socket client = echo.accept();
					Thread session = new Thread(() -> {
						try (client; InputStream in = client.getInputStream(); OutputStream out = client.getOutputStream()) {
							in.transferTo(out);
						}
						catch (IOException ex) {
							// client gone
						}
					});
					session.setDaemon(true);
					session.start();
				}
				catch (IOException ex) {
					return;
				}
			}
		});
		acceptor.setDaemon(true);
		acceptor.start();
		proxy.map("backend.virtual", 7000, echo.getLocalPort());
	}

	@AfterAll
	static void stop() throws IOException {
		proxy.close();
		echo.close();
	}

	@BeforeEach
	void reset() {
		proxy.reset();
	}

	@Test
	void locationIdTooLongForTheHandshakeIsRefusedWhenTheFactoryIsMade() {
		InetSocketAddress proxyAddress = InetSocketAddress.createUnresolved("127.0.0.1", 1);
		assertThat(new ConnectivitySocketFactory(() -> proxyAddress, () -> "t", "l".repeat(189)).encodedLocationId())
			.hasSize(252);
		assertThatExceptionOfType(ConnectivityConfigurationException.class)
			.isThrownBy(() -> new ConnectivitySocketFactory(() -> proxyAddress, () -> "t", "l".repeat(190)))
			.withMessageContaining("btp.connectivity.location-id must be at most 255 characters in Base64");
	}

	@Test
	void sendsTheHostNameUnresolvedWithTokenAndLocationIdAndRelays() throws IOException {
		try (Socket socket = this.factory.createSocket("backend.virtual", 7000)) {
			assertThat(roundTrip(socket, "ping")).isEqualTo("ping");
		}
		assertThat(proxy.handshakes()).containsExactly(new Handshake(TOKEN, "eu-west", 3, "backend.virtual", 7000,
				proxy.handshakes().get(0).outboundLocalPort()));
		assertThat(proxy.protocolErrors()).isEmpty();
	}

	@Test
	void connectsWithATimeoutAndWithoutLocationId() throws IOException {
		ConnectivitySocketFactory withoutLocation = new ConnectivitySocketFactory(
				() -> new InetSocketAddress("127.0.0.1", proxy.port()), () -> TOKEN, null);
		try (Socket socket = withoutLocation.createSocket()) {
			socket.connect(new InetSocketAddress("backend.virtual", 7000), 5000);
			assertThat(socket.getSoTimeout()).isZero();
			assertThat(roundTrip(socket, "pong")).isEqualTo("pong");
		}
		assertThat(proxy.handshakes()).singleElement().satisfies((handshake) -> {
			assertThat(handshake.locationId()).isNull();
			assertThat(handshake.host()).isEqualTo("backend.virtual");
		});
	}

	@ParameterizedTest(name = "ATYP {0}")
	@ValueSource(ints = { 1, 3, 4 })
	void theProxysBoundAddressIsReadToItsLastByteWhateverItsType(int boundAddressType) throws IOException {
		// A byte of BND.ADDR left unread would reach the application as the target's first byte.
		proxy.boundAddressType(boundAddressType);
		try (Socket socket = this.factory.createSocket("backend.virtual", 7000)) {
			assertThat(roundTrip(socket, "first bytes")).isEqualTo("first bytes");
		}
		assertThat(proxy.handshakes()).hasSize(1);
	}

	@Test
	void sendsIpv4LiteralsAsAddresses() throws IOException {
		try (Socket socket = this.factory.createSocket(InetAddress.getByName("127.0.0.1"), echo.getLocalPort())) {
			assertThat(roundTrip(socket, "v4")).isEqualTo("v4");
		}
		assertThat(proxy.handshakes()).singleElement().satisfies((handshake) -> {
			assertThat(handshake.addressType()).isEqualTo(1);
			assertThat(handshake.host()).isEqualTo("127.0.0.1");
		});
	}

	@Test
	void refusesIpv6BeforeConnecting() {
		assertThatExceptionOfType(IOException.class)
			.isThrownBy(() -> this.factory.createSocket(InetAddress.getByName("::1"), 7000))
			.withMessageContaining("IPv6 addresses are not supported");
		assertThat(proxy.handshakes()).isEmpty();
	}

	@ParameterizedTest(name = "REP 0x{0}")
	@CsvSource(delimiter = '|', value = {
			"02|(SOCKS5 reply 0x02): the Cloud Connector has no mapping for virtual host backend.virtual:7000",
			"03|(SOCKS5 reply 0x03): the Cloud Connector is not connected to the subaccount, or the location id 'eu-west' is unknown",
			"04|(SOCKS5 reply 0x04): the Cloud Connector cannot reach the backend mapped to backend.virtual:7000",
			"05|(SOCKS5 reply 0x05): the proxy could not authenticate the request",
			"07|(SOCKS5 reply 0x07): the proxy does not support the CONNECT command",
			"08|(SOCKS5 reply 0x08): the proxy does not support this address type" })
	void explainsEachReplyCode(String rep, String meaning) {
		proxy.reply(Integer.parseInt(rep, 16));
		assertFailure("connect", meaning);
	}

	@Test
	void explainsARefusedToken() {
		proxy.fail(Failure.REFUSE_AUTHENTICATION);
		assertFailure("authentication", "the proxy refused the token (status 0x01)");
	}

	@Test
	void explainsAProxyClosingMidHandshake() {
		proxy.fail(Failure.CLOSE_AFTER_GREETING);
		assertFailure("method selection", "the proxy closed the connection in the middle of the handshake");
		proxy.fail(Failure.CLOSE_AFTER_CONNECT_REQUEST);
		assertFailure("connect", "the proxy closed the connection in the middle of the handshake");
	}

	@Test
	void explainsGarbage() {
		proxy.fail(Failure.GARBAGE_GREETING);
		assertFailure("method selection", "the proxy answered with an unexpected byte 0x48");
	}

	@Test
	void explainsAnUnreachableProxy() throws IOException {
		int closedPort;
		try (ServerSocket unused = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
			closedPort = unused.getLocalPort();
		}
		ConnectivitySocketFactory nowhere = new ConnectivitySocketFactory(
				() -> new InetSocketAddress("127.0.0.1", closedPort), () -> TOKEN, null);
		Socket socket = nowhere.createSocket();
		assertThatExceptionOfType(IOException.class)
			.isThrownBy(() -> socket.connect(InetSocketAddress.createUnresolved("backend.virtual", 7000)))
			.withMessageContaining("failed at step 'connect to proxy'")
			.withMessageContaining("btp.connectivity.proxy.host");
		assertThat(socket.isClosed()).as("nothing left open").isTrue();
	}

	@Test
	void explainsAMissingToken() {
		ConnectivitySocketFactory noToken = new ConnectivitySocketFactory(
				() -> new InetSocketAddress("127.0.0.1", proxy.port()), () -> {
					throw new IllegalStateException("token endpoint down");
				}, null);
		assertThatExceptionOfType(IOException.class).isThrownBy(() -> noToken.createSocket("backend.virtual", 7000))
			.withMessageContaining("failed at step 'token'")
			.havingCause()
			.withMessage("token endpoint down");
	}

	@Test
	void honoursTheReadTimeoutDuringTheHandshake() throws IOException {
		proxy.fail(Failure.SILENT);
		try (Socket socket = this.factory.createSocket()) {
			socket.setSoTimeout(200);
			assertThatExceptionOfType(SocketTimeoutException.class)
				.isThrownBy(() -> socket.connect(InetSocketAddress.createUnresolved("backend.virtual", 7000)))
				.withMessageContaining("failed at step 'method selection': the proxy did not answer in time");
			assertThat(socket.isClosed()).isTrue();
		}
	}

	@Test
	void boundsTheHandshakeByTheConnectTimeout() throws IOException {
		proxy.fail(Failure.SILENT);
		try (Socket socket = this.factory.createSocket()) {
			assertThatExceptionOfType(SocketTimeoutException.class)
				.isThrownBy(() -> socket.connect(InetSocketAddress.createUnresolved("backend.virtual", 7000), 200))
				.withMessageContaining("the proxy did not answer in time");
		}
	}

	@Test
	void rejectsWhatIsNotSapsDialect() throws IOException {
		try (Socket plain = new Socket("127.0.0.1", proxy.port())) {
			plain.getOutputStream().write(new byte[] { 5, 1, 0 });
			plain.getOutputStream().flush();
			assertThat(plain.getInputStream().read()).isEqualTo(-1);
		}
		org.awaitility.Awaitility.await()
			.untilAsserted(() -> assertThat(proxy.protocolErrors()).containsExactly("greeting 05 01 00 is not 05 01 80"));
	}

	@Test
	void getDefaultReturnsTheMostRecentlyStartedFactoryOfARunningContext() {
		ConnectivitySocketFactory first = new ConnectivitySocketFactory(() -> null, () -> TOKEN, null);
		ConnectivitySocketFactory second = new ConnectivitySocketFactory(() -> null, () -> TOKEN, null);
		assertThatIllegalStateException().isThrownBy(ConnectivitySocketFactory::getDefault)
			.withMessageContaining("No ConnectivitySocketFactory is available");
		first.start();
		second.start();
		try {
			assertThat(ConnectivitySocketFactory.getDefault()).isSameAs(second);
			second.stop();
			assertThat(ConnectivitySocketFactory.getDefault()).isSameAs(first);
		}
		finally {
			first.stop();
			second.stop();
		}
	}

	@Test
	void aSilentProxyFailsWithinTheDeadlineAlsoWhenTheCallerSetNoTimeout() {
		proxy.fail(Failure.SILENT);
		ConnectivitySocketFactory oneSecond = factoryWithDeadline(Duration.ofSeconds(1));
		// Without a deadline this call blocked for good: the preemptive timeout only ends the test.
		assertTimeoutPreemptively(Duration.ofSeconds(30), () -> assertThatExceptionOfType(SocketTimeoutException.class)
			.isThrownBy(() -> oneSecond.createSocket("erp.virtual", 25))
			.withMessageStartingWith("SOCKS5 handshake with the connectivity proxy 127.0.0.1:" + proxy.port()
					+ " for erp.virtual:25 failed at step 'method selection': the proxy did not answer in time "
					+ "(connect and handshake must finish within 1000 ms (btp.connectivity.proxy.connect-timeout))")
			.withMessageNotContaining(TOKEN));
	}

	@Test
	void aProxyDrippingItsAnswersCannotStretchTheDeadline() throws IOException {
		proxy.fail(Failure.DRIP);
		ConnectivitySocketFactory oneSecond = factoryWithDeadline(Duration.ofSeconds(1));
		long start = System.nanoTime();
		try (Socket socket = oneSecond.createSocket()) {
			// A read timeout the drip never trips: each byte comes sooner.
			socket.setSoTimeout((int) TestSocks5Proxy.DRIP_INTERVAL.toMillis() * 3);
			assertThatExceptionOfType(SocketTimeoutException.class)
				.isThrownBy(() -> socket.connect(InetSocketAddress.createUnresolved("backend.virtual", 7000)))
				.withMessageContaining("the proxy did not answer in time (connect and handshake must finish within "
						+ "1000 ms (btp.connectivity.proxy.connect-timeout))")
				.withMessageNotContaining(TOKEN);
			assertThat(socket.isClosed()).isTrue();
		}
		// All answers dripped take 14 intervals (4.2 s); the deadline ends it long before, with slack here.
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(4));
	}

	@Test
	void theCallersShorterConnectTimeoutIsTheDeadline() throws IOException {
		proxy.fail(Failure.DRIP);
		try (Socket socket = this.factory.createSocket()) {
			assertThatExceptionOfType(SocketTimeoutException.class)
				.isThrownBy(() -> socket.connect(InetSocketAddress.createUnresolved("backend.virtual", 7000), 500))
				.withMessageContaining("failed at step 'method selection': the proxy did not answer in time (connect "
						+ "and handshake must finish within 500 ms (the caller's connect timeout))");
		}
	}

	@Test
	void aProxyThatDoesNotAcceptFailsAtConnectWithinTheDeadline() throws IOException {
		try (NotAcceptingServer full = new NotAcceptingServer()) {
			ConnectivitySocketFactory oneSecond = new ConnectivitySocketFactory(
					() -> new InetSocketAddress("127.0.0.1", full.port()), () -> TOKEN, null, Duration.ofSeconds(1));
			Socket socket = oneSecond.createSocket();
			assertTimeoutPreemptively(Duration.ofSeconds(30), () -> assertThatExceptionOfType(SocketTimeoutException.class)
				.isThrownBy(() -> socket.connect(InetSocketAddress.createUnresolved("erp.virtual", 25)))
				.withMessageContaining("failed at step 'connect to proxy': no connection to the proxy in time (connect "
						+ "and handshake must finish within 1000 ms (btp.connectivity.proxy.connect-timeout))"));
			assertThat(socket.isClosed()).as("nothing left open").isTrue();
		}
	}

	@Test
	void afterTheHandshakeTheCallersReadTimeoutAppliesAgain() throws IOException {
		try (ServerSocket late = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
			Thread answer = new Thread(() -> {
				try (Socket client = late.accept()) {
					Thread.sleep(800);
					client.getOutputStream().write("late\n".getBytes(StandardCharsets.US_ASCII));
				}
				catch (IOException | InterruptedException ex) {
					// test over
				}
			});
			answer.setDaemon(true);
			answer.start();
			proxy.map("late.virtual", 7001, late.getLocalPort());
			ConnectivitySocketFactory shortDeadline = factoryWithDeadline(Duration.ofMillis(300));
			try (Socket socket = shortDeadline.createSocket()) {
				socket.setSoTimeout(5000);
				socket.connect(InetSocketAddress.createUnresolved("late.virtual", 7001));
				assertThat(socket.getSoTimeout()).isEqualTo(5000);
				// The backend answers after the deadline has passed: that is no business of the deadline.
				assertThat(new String(socket.getInputStream().readNBytes(5), StandardCharsets.US_ASCII))
					.isEqualTo("late\n");
			}
		}
	}

	@Test
	void sendsInternationalizedHostNamesInTheirAsciiForm() throws IOException {
		proxy.map("xn--bcher-kva.virtual", 7000, echo.getLocalPort());
		try (Socket socket = this.factory.createSocket("bücher.virtual", 7000)) {
			assertThat(roundTrip(socket, "idn")).isEqualTo("idn");
		}
		assertThat(proxy.connectRequests()).singleElement()
			.extracting(HexFormat.of()::formatHex)
			.isEqualTo("05010003" + "15" + HexFormat.of().formatHex("xn--bcher-kva.virtual".getBytes(StandardCharsets.US_ASCII))
					+ "1b58");
		assertThat(proxy.protocolErrors()).isEmpty();
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', value = {
			"erp virtual|the host name has a character that no host name has (U+0020 at position 4)",
			"erp\u0000.virtual|the host name has a character that no host name has (U+0000 at position 4)",
			"ü-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.virtual|the host name is not a valid internationalized domain name" })
	void refusesHostNamesItCannotSendWithoutConnecting(String host, String reason) {
		assertThatExceptionOfType(IOException.class).isThrownBy(() -> this.factory.createSocket(host, 25))
			.withMessageContaining("through the connectivity proxy: " + reason)
			.withMessageNotContaining(TOKEN);
		assertThat(proxy.connectRequests()).isEmpty();
	}

	@Test
	void locationIdsThatAreNotPrintableAsciiAreRefusedWhenTheFactoryIsMade() {
		InetSocketAddress proxyAddress = InetSocketAddress.createUnresolved("127.0.0.1", 1);
		assertThatExceptionOfType(ConnectivityConfigurationException.class)
			.isThrownBy(() -> new ConnectivitySocketFactory(() -> proxyAddress, () -> "t", "Zürich"))
			.withMessageContaining("the location id has a character that is not printable ASCII (U+00FC at position 2)");
		assertThatExceptionOfType(ConnectivityConfigurationException.class)
			.isThrownBy(() -> new ConnectivitySocketFactory(() -> proxyAddress, () -> "t", "eu\twest"))
			.withMessageContaining("(U+0009 at position 3)");
	}

	@Test
	void sendsThePrintableAsciiLocationIdInBase64() throws IOException {
		ConnectivitySocketFactory printable = new ConnectivitySocketFactory(
				() -> new InetSocketAddress("127.0.0.1", proxy.port()), () -> TOKEN, "Loc 1/~!");
		assertThat(printable.encodedLocationId()).asString(StandardCharsets.US_ASCII).isEqualTo("TG9jIDEvfiE=");
		try (Socket socket = printable.createSocket("backend.virtual", 7000)) {
			assertThat(roundTrip(socket, "loc")).isEqualTo("loc");
		}
		assertThat(proxy.handshakes()).singleElement().extracting(Handshake::locationId).isEqualTo("Loc 1/~!");
	}

	@Test
	void theHandshakeInputNeverPrintsTheToken() throws IOException {
		assertThat(this.factory.createSocket()).isInstanceOfSatisfying(ConnectivitySocket.class,
				(socket) -> assertThat(socket).extracting("input").asString().doesNotContain(TOKEN).contains("eu-west"));
	}

	private ConnectivitySocketFactory factoryWithDeadline(Duration deadline) {
		return new ConnectivitySocketFactory(() -> InetSocketAddress.createUnresolved("127.0.0.1", proxy.port()),
				() -> TOKEN, "eu-west", deadline);
	}

	private void assertFailure(String step, String problem) {
		assertThatExceptionOfType(IOException.class).isThrownBy(() -> this.factory.createSocket("backend.virtual", 7000))
			.withMessageStartingWith("SOCKS5 handshake with the connectivity proxy 127.0.0.1:" + proxy.port()
					+ " for backend.virtual:7000 failed at step '" + step + "'")
			.withMessageContaining(problem)
			.withMessageNotContaining(TOKEN)
			.satisfies((ex) -> assertThat(String.valueOf(ex.getCause())).doesNotContain(TOKEN));
	}

	private static String roundTrip(Socket socket, String text) throws IOException {
		byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
		socket.getOutputStream().write(bytes);
		socket.getOutputStream().flush();
		return new String(socket.getInputStream().readNBytes(bytes.length), StandardCharsets.US_ASCII);
	}

}
