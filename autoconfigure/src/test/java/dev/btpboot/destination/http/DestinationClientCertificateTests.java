package dev.btpboot.destination.http;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.Base64;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.btpboot.binding.BindingsAutoConfiguration;
import dev.btpboot.destination.DestinationAutoConfiguration;
import dev.btpboot.destination.DestinationException;
import dev.btpboot.testing.FakeConnectivityTokens;
import dev.btpboot.testing.TestCertificates;
import dev.btpboot.token.TokenAutoConfiguration;
import dev.btpboot.token.TokenProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.http.client.autoconfigure.HttpClientAutoConfiguration;
import org.springframework.boot.http.client.autoconfigure.imperative.ImperativeHttpClientAutoConfiguration;
import org.springframework.boot.http.converter.autoconfigure.HttpMessageConvertersAutoConfiguration;
import org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@code ClientCertificateAuthentication}: the RestClient presents the key store uploaded with the
 * destination to a WireMock server that requires a client certificate, and trusts the server
 * through the destination's trust store.
 */
class DestinationClientCertificateTests {

	@TempDir
	static Path directory;

	private static final TestCertificates.Issued SERVER = TestCertificates.selfSignedRsa("localhost");

	private static final TestCertificates.Issued CLIENT = TestCertificates.selfSignedRsa("erp-client");

	private static WireMockServer target;

	private static final WireMockServer service = new WireMockServer(
			wireMockConfig().dynamicPort().bindAddress("127.0.0.1"));

	@BeforeAll
	static void start() throws Exception {
		target = new WireMockServer(wireMockConfig().httpDisabled(true)
			.dynamicHttpsPort()
			.bindAddress("127.0.0.1")
			.keystorePath(file(SERVER.keyStore(), "server.p12").toString())
			.keystoreType("PKCS12")
			.keystorePassword("changeit")
			.keyManagerPassword("changeit")
			.needClientAuth(true)
			.trustStorePath(file(CLIENT.trustStore(), "trust.p12").toString())
			.trustStoreType("PKCS12")
			.trustStorePassword("changeit"));
		target.start();
		target.stubFor(get("/secure/items").willReturn(ok("mutual TLS items")));
		service.start();
	}

	@AfterAll
	static void stop() {
		target.stop();
		service.stop();
	}

	private static Path file(KeyStore store, String name) throws Exception {
		Path path = directory.resolve(name);
		try (OutputStream out = Files.newOutputStream(path)) {
			store.store(out, "changeit".toCharArray());
		}
		return path;
	}

	private static String base64(KeyStore store) throws Exception {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		store.store(out, "changeit".toCharArray());
		return Base64.getEncoder().encodeToString(out.toByteArray());
	}

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(BindingsAutoConfiguration.class, TokenAutoConfiguration.class,
				DestinationAutoConfiguration.class, DestinationHttpAutoConfiguration.class,
				HttpClientAutoConfiguration.class, ImperativeHttpClientAutoConfiguration.class,
				HttpMessageConvertersAutoConfiguration.class, RestClientAutoConfiguration.class))
		.withBean("destinationTokenProvider", TokenProvider.class, FakeConnectivityTokens::new)
		.withPropertyValues("btp.bindings.kubernetes-root=/nonexistent", "VCAP_SERVICES={\"destination\": [{\"name\": "
				+ "\"dest\", \"label\": \"destination\", \"credentials\": {\"clientid\": \"sb-dest\", \"clientsecret\": "
				+ "\"s\", \"url\": \"http://127.0.0.1:1\", \"uri\": \"" + service.baseUrl() + "\"}}]}");

	private static void destination(String keyStoreLocation) throws Exception {
		service.stubFor(get(urlPathEqualTo("/destination-configuration/v1/destinations/secure")).willReturn(okJson("""
				{"destinationConfiguration": {"Name": "secure", "Type": "HTTP", "URL": "https://localhost:%d/secure",
				  "ProxyType": "Internet", "Authentication": "ClientCertificateAuthentication",
				  "KeyStoreLocation": "%s", "KeyStorePassword": "changeit",
				  "TrustStoreLocation": "server-trust.p12", "TrustStorePassword": "changeit"},
				 "certificates": [{"Name": "client.p12", "Content": "%s", "Type": "CERTIFICATE"},
				  {"Name": "server-trust.p12", "Content": "%s", "Type": "CERTIFICATE"}]}"""
			.formatted(target.httpsPort(), keyStoreLocation, base64(CLIENT.keyStore()), base64(SERVER.trustStore())))));
	}

	@Test
	void presentsTheDestinationsKeyStore() throws Exception {
		destination("client.p12");
		this.runner.run((context) -> assertThat(context.getBean(DestinationClients.class)
			.restClient("secure")
			.build()
			.get()
			.uri("/items")
			.retrieve()
			.body(String.class)).isEqualTo("mutual TLS items"));
	}

	@Test
	void aKeyStoreMissingFromTheCertificatesIsAFailure() throws Exception {
		destination("other.p12");
		this.runner.run((context) -> assertThatExceptionOfType(DestinationException.class)
			.isThrownBy(() -> context.getBean(DestinationClients.class)
				.restClient("secure")
				.build()
				.get()
				.uri("/items")
				.retrieve()
				.body(String.class))
			.withMessage("Destination 'secure' for the provider tenant: connecting to its system failed: "
					+ "KeyStoreLocation 'other.p12' is not among the destination's certificates"));
	}

}
