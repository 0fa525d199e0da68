package dev.btpboot.connectivity.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.btpboot.binding.BindingsAutoConfiguration;
import dev.btpboot.connectivity.ConnectivityAutoConfiguration;
import dev.btpboot.connectivity.http.ConnectivityHttpTests.Client;
import dev.btpboot.testing.ConnectivityBinding;
import dev.btpboot.testing.FakeConnectivityTokens;
import dev.btpboot.token.TokenProvider;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.http.client.autoconfigure.HttpClientAutoConfiguration;
import org.springframework.boot.http.client.autoconfigure.imperative.ImperativeHttpClientAutoConfiguration;
import org.springframework.boot.http.client.autoconfigure.reactive.ReactiveHttpClientAutoConfiguration;
import org.springframework.boot.http.converter.autoconfigure.HttpMessageConvertersAutoConfiguration;
import org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration;
import org.springframework.boot.restclient.autoconfigure.RestTemplateAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;

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

	/** Never accepts, and its accept queue is full: connection attempts go unanswered. */
	private static ServerSocket notAccepting;

	private static final List<Socket> queued = new ArrayList<>();

	/** Accepts, reads the request, then answers one byte every 300 ms. */
	private static ServerSocket dripping;

	@BeforeAll
	static void startProxies() throws IOException {
		notAccepting = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"));
		fillAcceptQueue();
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
		for (Socket socket : queued) {
			socket.close();
		}
		notAccepting.close();
		dripping.close();
	}

	@ParameterizedTest
	@EnumSource(Client.class)
	void aProxyThatTakesNoConnectionFailsWithinTheDeadline(Client client) {
		runner(notAccepting.getLocalPort()).withPropertyValues("btp.connectivity.proxy.connect-timeout=1s")
			.run((context) -> {
				// Without a connect deadline the JDK client waits for the kernel to give up (minutes).
				Throwable failure = failureWithin(Duration.ofSeconds(30), () -> client.get(context, URL));
				assertThat(chain(failure)).filteredOn(HttpConnectTimeoutException.class::isInstance)
					.extracting(Throwable::getMessage)
					.anySatisfy((message) -> assertThat(message).startsWith("HTTP request to http://erp.virtual:44300 "
							+ "through the connectivity proxy 127.0.0.1:" + notAccepting.getLocalPort()
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

	private static ApplicationContextRunner runner(int proxyPort) {
		return new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(BindingsAutoConfiguration.class,
					ConnectivityAutoConfiguration.class, ConnectivityHttpAutoConfiguration.class,
					HttpClientAutoConfiguration.class, ImperativeHttpClientAutoConfiguration.class,
					ReactiveHttpClientAutoConfiguration.class, HttpMessageConvertersAutoConfiguration.class,
					RestClientAutoConfiguration.class, RestTemplateAutoConfiguration.class,
					WebClientAutoConfiguration.class))
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

	private static void fillAcceptQueue() throws IOException {
		for (int i = 0; i < 16; i++) {
			Socket socket = new Socket();
			try {
				socket.connect(notAccepting.getLocalSocketAddress(), 300);
				queued.add(socket);
			}
			catch (SocketTimeoutException ex) {
				socket.close();
				return;
			}
		}
		throw new IllegalStateException("the accept queue of the proxy did not fill up");
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
