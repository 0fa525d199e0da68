package dev.btpboot.connectivity.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.btpboot.connectivity.http.ConnectivityHttpTests.Client;
import dev.btpboot.testing.ConnectivityBinding;
import dev.btpboot.testing.FakeConnectivityTokens;
import dev.btpboot.testing.NotAcceptingServer;
import dev.btpboot.token.TokenProvider;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * RestClient, RestTemplate and WebClient against HTTP proxies that stall (loopback servers of this
 * test): connecting to the proxy is bounded by {@code btp.connectivity.proxy.connect-timeout}, and a
 * proxy that drips its answer cannot stretch the client's read timeout.
 */
class ConnectivityHttpDeadlineTests {

	private static final String URL = "http://erp.virtual:44300/sap/opu/odata/items";

	private static NotAcceptingServer notAccepting;

	/** Accepts, reads the request, then answers one byte every 300 ms. */
	private static ServerSocket dripping;

	@BeforeAll
	static void startProxies() throws IOException {
		notAccepting = new NotAcceptingServer();
		dripping = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
		Thread acceptor = new Thread(() -> {
			while (!dripping.isClosed()) {
				try {
					Socket client = dripping.accept();
					Thread drip = new Thread(() -> drip(client));
					drip.setDaemon(true);
					drip.start();
				}
				catch (IOException ex) {
					return;
				}
			}
		});
		acceptor.setDaemon(true);
		acceptor.start();
	}

	@AfterAll
	static void stopProxies() throws IOException {
		notAccepting.close();
		dripping.close();
	}

	@ParameterizedTest
	@EnumSource(Client.class)
	void aProxyThatTakesNoConnectionFailsWithinTheDeadline(Client client) {
		runner(notAccepting.port()).withPropertyValues("btp.connectivity.proxy.connect-timeout=1s")
			.run((context) -> {
				// Without a connect deadline the JDK client waits for the kernel to give up (minutes).
				Throwable failure = failureWithin(Duration.ofSeconds(30), () -> client.get(context, URL));
				assertThat(chain(failure)).filteredOn(HttpConnectTimeoutException.class::isInstance)
					.extracting(Throwable::getMessage)
					.anySatisfy((message) -> assertThat(message).startsWith("HTTP request to http://erp.virtual:44300 "
							+ "through the connectivity proxy 127.0.0.1:" + notAccepting.port()
							+ " failed at step 'connect to proxy': no connection within 1000 ms "
							+ "(btp.connectivity.proxy.connect-timeout"));
			});
	}

	@ParameterizedTest
	@EnumSource(Client.class)
	void aProxyDrippingItsAnswerCannotStretchTheReadTimeout(Client client) {
		runner(dripping.getLocalPort()).withPropertyValues("spring.http.clients.read-timeout=1s").run((context) -> {
			// The whole answer takes over 20 s to drip; each byte alone comes well within a second.
			Throwable failure = failureWithin(Duration.ofSeconds(15), () -> client.get(context, URL));
			assertThat(chain(failure)).filteredOn(HttpTimeoutException.class::isInstance)
				.extracting(Throwable::getMessage)
				.anySatisfy((message) -> assertThat(message).startsWith("HTTP request to http://erp.virtual:44300 "
						+ "through the connectivity proxy 127.0.0.1:" + dripping.getLocalPort()
						+ " failed at step 'response': no answer within the read timeout "
						+ "(spring.http.clients.read-timeout)"));
		});
	}

	@Test
	void aProxyRefusingTheConnectionIsNamedWithTheStep() throws IOException {
		int closedPort;
		try (ServerSocket unused = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
			closedPort = unused.getLocalPort();
		}
		runner(closedPort).run((context) -> assertThat(chain(failureWithin(Duration.ofSeconds(30),
				() -> Client.REST_CLIENT.get(context, URL))))
			.filteredOn(ConnectException.class::isInstance)
			.extracting(Throwable::getMessage)
			.anySatisfy((message) -> assertThat(message).startsWith("HTTP request to http://erp.virtual:44300 through "
					+ "the connectivity proxy 127.0.0.1:" + closedPort + " failed at step 'connect to proxy': the "
					+ "connection was refused")));
	}

	private static ApplicationContextRunner runner(int proxyPort) {
		return new ApplicationContextRunner()
			.withConfiguration(ConnectivityHttpTests.AUTO_CONFIGURATIONS)
			.withBean("connectivityTokenProvider", TokenProvider.class, FakeConnectivityTokens::new)
			.withPropertyValues("VCAP_SERVICES=" + ConnectivityBinding.vcapServices("127.0.0.1", proxyPort, 1),
					"btp.connectivity.http.hosts=*.virtual");
	}

	private static Throwable failureWithin(Duration limit, ThrowingCallable call) {
		Throwable failure = assertTimeoutPreemptively(limit, () -> catchThrowable(call));
		assertThat(failure).as("the call through the stalling proxy").isNotNull();
		return failure;
	}

	private static List<Throwable> chain(Throwable failure) {
		List<Throwable> chain = new ArrayList<>();
		for (Throwable cause = failure; cause != null && !chain.contains(cause); cause = cause.getCause()) {
			chain.add(cause);
		}
		return chain;
	}

	private static void drip(Socket client) {
		try (client; InputStream in = client.getInputStream(); OutputStream out = client.getOutputStream()) {
			int last = 0;
			int matched = 0;
			byte[] endOfHeaders = "\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
			while (matched < endOfHeaders.length && (last = in.read()) >= 0) {
				matched = (last == endOfHeaders[matched]) ? matched + 1 : ((last == '\r') ? 1 : 0);
			}
			for (byte b : "HTTP/1.1 200 OK\r\nContent-Length: 40\r\n\r\n".getBytes(StandardCharsets.US_ASCII)) {
				Thread.sleep(300);
				out.write(b);
				out.flush();
			}
		}
		catch (IOException | InterruptedException ex) {
			// the client gave up
		}
	}

}
