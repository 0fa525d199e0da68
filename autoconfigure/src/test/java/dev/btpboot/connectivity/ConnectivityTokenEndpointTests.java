package dev.btpboot.connectivity;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.btpboot.binding.BindingsAutoConfiguration;
import dev.btpboot.connectivity.socks.ConnectivitySocketFactory;
import dev.btpboot.connectivity.socks.ConnectivitySocksAutoConfiguration;
import dev.btpboot.testing.TestSocks5Proxy;
import dev.btpboot.token.TokenAutoConfiguration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.exactly;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole chain with no fake in it: the connectivity binding's OAuth client gets its token from
 * a real token endpoint (WireMock) through the auto-configured {@code connectivityTokenProvider},
 * and the SOCKS5 proxy receives exactly that token, fetched once for many connections.
 */
class ConnectivityTokenEndpointTests {

	private static final String PROXY_TOKEN = "eyJhbGciOiJSUzI1NiJ9.proxy-token-from-xsuaa.c2ln";

	@RegisterExtension
	static final WireMockExtension tokenEndpoint = WireMockExtension.newInstance()
		.options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"))
		.build();

	private static final TestSocks5Proxy proxy = new TestSocks5Proxy();

	private static ServerSocket backend;

	@BeforeAll
	static void startBackend() throws IOException {
		backend = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
		Thread greeter = new Thread(() -> {
			while (!backend.isClosed()) {
				try (Socket connection = backend.accept(); OutputStream out = connection.getOutputStream()) {
					out.write("hello from on-premise\n".getBytes(StandardCharsets.US_ASCII));
				}
				catch (IOException ex) {
					// closed at the end of the test
				}
			}
		}, "on-premise-backend");
		greeter.setDaemon(true);
		greeter.start();
		proxy.map("backend.virtual", 4000, backend.getLocalPort());
	}

	@AfterAll
	static void stop() throws IOException {
		proxy.close();
		backend.close();
	}

	@Test
	void socksProxyReceivesTheTokenOfTheConnectivityBindingFetchedOnce() {
		tokenEndpoint.stubFor(post("/oauth/token").willReturn(okJson(
				"{\"access_token\":\"" + PROXY_TOKEN + "\",\"token_type\":\"bearer\",\"expires_in\":3600}")));
		String vcap = """
				{"connectivity": [{"name": "my-connectivity", "label": "connectivity", "plan": "lite", "tags": [],
				  "credentials": {"clientid": "sb-connectivity", "clientsecret": "connectivity-secret",
				    "token_service_url": "http://127.0.0.1:%d", "onpremise_proxy_host": "127.0.0.1",
				    "onpremise_proxy_http_port": "20003", "onpremise_socks5_proxy_port": "%d"}}]}"""
			.formatted(tokenEndpoint.getPort(), proxy.port())
			.replace("\n", " ");

		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(BindingsAutoConfiguration.class, TokenAutoConfiguration.class,
					ConnectivityAutoConfiguration.class, ConnectivitySocksAutoConfiguration.class))
			.withPropertyValues("VCAP_SERVICES=" + vcap, "btp.bindings.kubernetes-root=/nonexistent",
					"btp.connectivity.location-id=loc-1")
			.run((context) -> {
				ConnectivitySocketFactory factory = context.getBean(ConnectivitySocketFactory.class);
				for (int i = 0; i < 3; i++) {
					try (Socket socket = factory.createSocket("backend.virtual", 4000)) {
						assertThat(new BufferedReader(new InputStreamReader(socket.getInputStream(),
								StandardCharsets.US_ASCII)).readLine()).isEqualTo("hello from on-premise");
					}
				}
			});

		assertThat(proxy.handshakes()).hasSize(3).allSatisfy((handshake) -> {
			assertThat(handshake.jwt()).isEqualTo(PROXY_TOKEN);
			assertThat(handshake.locationId()).isEqualTo("loc-1");
			assertThat(handshake.host()).isEqualTo("backend.virtual");
		});
		tokenEndpoint.verify(exactly(1), postRequestedFor(urlEqualTo("/oauth/token"))
			.withRequestBody(containing("grant_type=client_credentials")));
	}

}
