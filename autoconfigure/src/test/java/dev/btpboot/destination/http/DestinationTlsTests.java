package dev.btpboot.destination.http;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.Base64;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.btpboot.destination.DestinationException;
import dev.btpboot.testing.TestCertificates;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContext;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * TLS settings of HTTP destinations against HTTPS WireMock targets whose certificate no JVM
 * trusts: {@code ClientCertificateAuthentication} with a PEM or PKCS #12 key store (and one missing
 * from the destination's certificates), trust stores of every format the Destination service
 * takes, {@code TLSVersion}, and {@code TrustAll} outside and in production.
 */
class DestinationTlsTests {

	@TempDir
	static Path directory;

	private static final TestCertificates.Issued SERVER = TestCertificates.selfSignedRsa("localhost");

	private static final TestCertificates.Issued CLIENT = TestCertificates.selfSignedRsa("erp-client");

	private static WireMockServer mutual;

	private static WireMockServer oneWay;

	private static final WireMockServer service = new WireMockServer(
			wireMockConfig().dynamicPort().bindAddress("127.0.0.1"));

	@BeforeAll
	static void start() throws Exception {
		Path serverStore = file(SERVER.keyStore(), "server.p12");
		mutual = new WireMockServer(wireMockConfig().httpDisabled(true)
			.dynamicHttpsPort()
			.bindAddress("127.0.0.1")
			.keystorePath(serverStore.toString())
			.keystoreType("PKCS12")
			.keystorePassword("changeit")
			.keyManagerPassword("changeit")
			.needClientAuth(true)
			.trustStorePath(file(CLIENT.trustStore(), "trust.p12").toString())
			.trustStoreType("PKCS12")
			.trustStorePassword("changeit"));
		oneWay = new WireMockServer(wireMockConfig().httpDisabled(true)
			.dynamicHttpsPort()
			.bindAddress("127.0.0.1")
			.keystorePath(serverStore.toString())
			.keystoreType("PKCS12")
			.keystorePassword("changeit")
			.keyManagerPassword("changeit"));
		for (WireMockServer server : new WireMockServer[] { mutual, oneWay, service }) {
			server.start();
		}
		mutual.stubFor(get("/secure/items").willReturn(ok("mutual TLS items")));
		oneWay.stubFor(get("/secure/items").willReturn(ok("TLS items")));
	}

	@AfterAll
	static void stop() {
		mutual.stop();
		oneWay.stop();
		service.stop();
	}

	@BeforeEach
	void reset() {
		service.resetAll();
		mutual.resetRequests();
		oneWay.resetRequests();
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

	private static String base64(String text) {
		return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.US_ASCII));
	}

	private final ApplicationContextRunner runner = DestinationHttpContexts.withDestinationService(service.baseUrl());

	/** The Destination service answers with destination {@code secure} to the target's port. */
	private static void destination(int port, String properties, String certificates) {
		service.stubFor(get(urlPathEqualTo("/destination-configuration/v1/destinations/secure")).willReturn(okJson("""
				{"owner": {"SubaccountId": "sub", "InstanceId": null},
				 "destinationConfiguration": {"Name": "secure", "Type": "HTTP", "URL": "https://localhost:%d/secure",
				  "ProxyType": "Internet", %s},
				 "certificates": [%s]}""".formatted(port, properties, certificates))));
	}

	private static String certificate(String name, String content) {
		return "{\"Name\": \"" + name + "\", \"Content\": \"" + content + "\", \"Type\": \"CERTIFICATE\"}";
	}

	private String call(ApplicationContext context) {
		return context.getBean(DestinationClients.class)
			.restClient("secure")
			.build()
			.get()
			.uri("/items")
			.retrieve()
			.body(String.class);
	}

	@Test
	void aPemKeyStoreWithChainAndPrivateKeyIsPresented() throws Exception {
		String pem = CLIENT.certificatePem() + "\n" + CLIENT.privateKeyPem();
		destination(mutual.httpsPort(), """
				"Authentication": "ClientCertificateAuthentication", "KeyStoreLocation": "client.pem",
				"TrustStoreLocation": "server.crt\"""", certificate("client.pem", base64(pem)) + ","
				+ certificate("server.crt", base64(SERVER.certificatePem())));
		this.runner.run((context) -> assertThat(call(context)).isEqualTo("mutual TLS items"));
	}

	@Test
	void aP12KeyStoreIsPresentedWithItsPassword() throws Exception {
		destination(mutual.httpsPort(), """
				"Authentication": "ClientCertificateAuthentication", "KeyStoreLocation": "client.p12",
				"KeyStorePassword": "changeit", "TrustStoreLocation": "server-trust.p12",
				"TrustStorePassword": "changeit\"""", certificate("client.p12", base64(CLIENT.keyStore())) + ","
				+ certificate("server-trust.p12", base64(SERVER.trustStore())));
		this.runner.run((context) -> assertThat(call(context)).isEqualTo("mutual TLS items"));
	}

	@Test
	void aKeyStoreMissingFromTheCertificatesIsAFailure() throws Exception {
		destination(mutual.httpsPort(), """
				"Authentication": "ClientCertificateAuthentication", "KeyStoreLocation": "other.p12",
				"KeyStorePassword": "changeit\"""", certificate("client.p12", base64(CLIENT.keyStore())));
		this.runner.run((context) -> assertThatExceptionOfType(DestinationException.class)
			.isThrownBy(() -> call(context))
			.withMessage("Destination 'secure' for the provider tenant: connecting to its system failed: "
					+ "KeyStoreLocation 'other.p12' is not among the destination's certificates"));
		mutual.verify(0, anyRequestedFor(anyUrl()));
	}

	@ParameterizedTest
	@ValueSource(strings = { "jks", "p12", "pfx", "pem", "crt", "cer", "der" })
	void aTrustStoreOfEachFormatIsTrustedBesidesTheJvmsCas(String extension) throws Exception {
		String content = switch (extension) {
			case "jks" -> {
				KeyStore jks = KeyStore.getInstance("JKS");
				jks.load(null, null);
				jks.setCertificateEntry("server", SERVER.certificate());
				yield base64(jks);
			}
			case "p12", "pfx" -> base64(SERVER.trustStore());
			case "pem", "crt" -> base64(SERVER.certificatePem());
			default -> Base64.getEncoder().encodeToString(SERVER.certificate().getEncoded());
		};
		destination(oneWay.httpsPort(), """
				"Authentication": "NoAuthentication", "TrustStoreLocation": "server.%s",
				"TrustStorePassword": "changeit\"""".formatted(extension), certificate("server." + extension, content));
		this.runner.run((context) -> assertThat(call(context)).isEqualTo("TLS items"));
	}

	@Test
	void withoutATrustStoreTheServersCertificateIsNotTrusted() {
		destination(oneWay.httpsPort(), "\"Authentication\": \"NoAuthentication\"", "");
		this.runner.run((context) -> assertThat(catchThrowable(() -> call(context))).isNotNull()
			.isNotInstanceOf(DestinationException.class));
	}

	@Test
	void aWebClientUsesTheDestinationsTrustStoreToo() throws Exception {
		destination(oneWay.httpsPort(), """
				"Authentication": "NoAuthentication", "TrustStoreLocation": "server.pem\"""",
				certificate("server.pem", base64(SERVER.certificatePem())));
		this.runner.run((context) -> assertThat(context.getBean(DestinationWebClients.class)
			.webClient("secure")
			.build()
			.get()
			.uri("/items")
			.retrieve()
			.bodyToMono(String.class)
			.block()).isEqualTo("TLS items"));
	}

	@Test
	void tlsVersionEnablesThatProtocolAndAnUnknownOneNamesTheProperty() throws Exception {
		String trust = certificate("server.pem", base64(SERVER.certificatePem()));
		destination(oneWay.httpsPort(), """
				"TrustStoreLocation": "server.pem", "TLSVersion": "TLSv1.2\"""", trust);
		this.runner.run((context) -> assertThat(call(context)).isEqualTo("TLS items"));
		destination(oneWay.httpsPort(), """
				"TrustStoreLocation": "server.pem", "TLSVersion": "SSLv9\"""", trust);
		this.runner.run((context) -> assertThatExceptionOfType(DestinationException.class)
			.isThrownBy(() -> call(context))
			.withMessage("Destination 'secure' for the provider tenant: connecting to its system failed: TLSVersion "
					+ "'SSLv9' is not a protocol of this JVM (such as TLSv1.2, TLSv1.3)"));
	}

	@Test
	void trustAllAcceptsTheServerOutsideProduction() {
		destination(oneWay.httpsPort(), "\"TrustAll\": \"true\"", "");
		this.runner.run((context) -> assertThat(call(context)).isEqualTo("TLS items"));
	}

	@Test
	void trustAllIsRefusedInProductionSayingWhatSaysProduction() {
		destination(oneWay.httpsPort(), "\"TrustAll\": \"TRUE\"", "");
		this.runner.withPropertyValues("VCAP_APPLICATION={}")
			.run((context) -> assertThatExceptionOfType(DestinationException.class).isThrownBy(() -> call(context))
				.withMessage("Destination 'secure' for the provider tenant: connecting to its system failed: "
						+ "TrustAll=true is refused in production (VCAP_APPLICATION is set): the server's certificate "
						+ "would not be checked; upload its CA as TrustStoreLocation instead"));
		oneWay.verify(0, anyRequestedFor(anyUrl()));
	}

}
