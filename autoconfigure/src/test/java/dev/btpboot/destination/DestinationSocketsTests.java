package dev.btpboot.destination;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.btpboot.connectivity.ConnectivityProperties;
import dev.btpboot.connectivity.ConnectivityProxy;
import dev.btpboot.connectivity.ConnectivityTokens;
import dev.btpboot.testing.FakeConnectivityTokens;
import dev.btpboot.testing.MutableClock;
import dev.btpboot.testing.TestSocks5Proxy;
import dev.btpboot.token.TokenProperties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static dev.btpboot.destination.DestinationStubs.answer;
import static dev.btpboot.destination.DestinationStubs.find;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Sockets to TCP destinations against an echo server: on premise through the test SOCKS5 0x80
 * proxy with the destination's location id, over the internet directly.
 */
class DestinationSocketsTests {

	@RegisterExtension
	static final WireMockExtension service = WireMockExtension.newInstance()
		.options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"))
		.build();

	private static final TestSocks5Proxy proxy = new TestSocks5Proxy();

	private static ServerSocket echo;

	private DestinationSockets sockets;

	@BeforeAll
	static void startEcho() throws IOException {
		echo = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
		Thread thread = new Thread(() -> {
			while (!echo.isClosed()) {
				try (Socket client = echo.accept()) {
					client.getInputStream().transferTo(client.getOutputStream());
				}
				catch (IOException ex) {
					// closed
				}
			}
		}, "test-echo");
		thread.setDaemon(true);
		thread.start();
		proxy.map("echo.virtual", 7, echo.getLocalPort());
	}

	@AfterAll
	static void stop() throws IOException {
		echo.close();
		proxy.close();
	}

	@BeforeEach
	void setUp() {
		proxy.reset();
		MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
		DestinationService destinations = DestinationStubs.service(service.baseUrl(), new TokenProperties(),
				DestinationStubs.BODIES, new FakeConnectivityTokens(), clock, false);
		ConnectivityProperties properties = new ConnectivityProperties();
		properties.getProxy().setHost("127.0.0.1");
		properties.getProxy().setSocks5Port(proxy.port());
		properties.setMode(ConnectivityProperties.Mode.CLOUD_FOUNDRY);
		ConnectivityProxy connectivity = ConnectivityProxy.resolve(properties, java.util.Optional.empty());
		FakeConnectivityTokens connectivityTokens = new FakeConnectivityTokens();
		this.sockets = new DestinationSockets(destinations, () -> connectivity,
				() -> new ConnectivityTokens(() -> connectivityTokens), Duration.ofSeconds(10));
	}

	private static String echoed(Socket socket) throws IOException {
		try (socket) {
			OutputStream out = socket.getOutputStream();
			PrintWriter writer = new PrintWriter(out, true, StandardCharsets.US_ASCII);
			writer.println("ping");
			return new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII))
				.readLine();
		}
	}

	@Test
	void anOnPremiseTcpDestinationIsReachedThroughTheProxyWithItsLocation() throws IOException {
		service.stubFor(find("echo").willReturn(okJson(answer(Map.of("Name", "echo", "Type", "TCP", "Address",
				"tcp://echo.virtual:7", "ProxyType", "OnPremise", "CloudConnectorLocationId", "echo-location"), ""))));
		assertThat(echoed(this.sockets.socket("echo"))).isEqualTo("ping");
		assertThat(proxy.handshakes()).singleElement().satisfies((handshake) -> {
			assertThat(handshake.host() + ":" + handshake.port()).isEqualTo("echo.virtual:7");
			assertThat(handshake.locationId()).isEqualTo("echo-location");
			assertThat(handshake.jwt()).isEqualTo(FakeConnectivityTokens.ownTenantToken());
		});
	}

	@Test
	void anInternetTcpDestinationIsReachedDirectly() throws IOException {
		service.stubFor(find("echo").willReturn(okJson(answer(Map.of("Name", "echo", "Type", "TCP", "Address",
				"127.0.0.1:" + echo.getLocalPort()), ""))));
		assertThat(echoed(this.sockets.socket("echo"))).isEqualTo("ping");
		assertThat(proxy.handshakes()).isEmpty();
	}

	@Test
	void anOnPremiseDestinationWithoutAConnectivityBindingIsAFailure() {
		service.stubFor(find("echo").willReturn(okJson(answer(Map.of("Name", "echo", "Type", "TCP", "Address",
				"echo.virtual:7", "ProxyType", "OnPremise"), ""))));
		DestinationService destinations = DestinationStubs.service(service.baseUrl(), new TokenProperties(),
				DestinationStubs.BODIES, new FakeConnectivityTokens(), java.time.Clock.systemUTC(), false);
		DestinationSockets withoutConnectivity = new DestinationSockets(destinations, () -> null, () -> null,
				Duration.ofSeconds(10));
		assertThatExceptionOfType(DestinationException.class).isThrownBy(() -> withoutConnectivity.socket("echo"))
			.withMessage("Destination 'echo' for the provider tenant: connecting to its system failed: it is OnPremise, "
					+ "but there is no connectivity binding (or btp.connectivity.proxy.host)");
	}

}
