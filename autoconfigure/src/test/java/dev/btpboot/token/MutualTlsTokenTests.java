package dev.btpboot.token;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Clock;
import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.btpboot.binding.IdentityCredentials;
import dev.btpboot.binding.XsuaaCredentials;
import dev.btpboot.testing.TestCertificates;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.exactly;
import static com.github.tomakehurst.wiremock.client.WireMock.notContaining;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static dev.btpboot.token.TokenTestSupport.SECRET;
import static dev.btpboot.token.TokenTestSupport.tokenResponse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * X.509 bindings against a WireMock HTTPS endpoint that requires a client certificate: IAS grants
 * (client credentials, jwt-bearer, App2App {@code resource}) and XSUAA through {@code certurl}.
 */
class MutualTlsTokenTests {

	@TempDir
	static Path directory;

	private static WireMockServer server;

	private static TestCertificates.Issued serverCertificate;

	private static TestCertificates.Issued clientCertificate;

	private TokenProviderFactory factory;

	@BeforeAll
	static void startServer() throws Exception {
		serverCertificate = TestCertificates.selfSignedRsa("localhost");
		clientCertificate = TestCertificates.selfSignedEc("sb-client");
		Path keyStore = store(serverCertificate.keyStore(), "server.p12");
		Path trustStore = store(clientCertificate.trustStore(), "trust.p12");
		server = new WireMockServer(wireMockConfig().httpDisabled(true)
			.dynamicHttpsPort()
			.bindAddress("127.0.0.1")
			.keystorePath(keyStore.toString())
			.keystoreType("PKCS12")
			.keystorePassword("changeit")
			.keyManagerPassword("changeit")
			.needClientAuth(true)
			.trustStorePath(trustStore.toString())
			.trustStoreType("PKCS12")
			.trustStorePassword("changeit"));
		server.start();
	}

	private static Path store(KeyStore store, String name) throws Exception {
		Path path = directory.resolve(name);
		try (OutputStream out = Files.newOutputStream(path)) {
			store.store(out, "changeit".toCharArray());
		}
		return path;
	}

	@AfterAll
	static void stopServer() {
		server.stop();
	}

	@BeforeEach
	void setUp() {
		server.resetAll();
		server.stubFor(post("/oauth2/token").willReturn(okJson(tokenResponse("ias-token", 3600))));
		server.stubFor(post("/oauth/token").willReturn(okJson(tokenResponse("xsuaa-token", 3600))));
		this.factory = TokenTestSupport.factory(new TokenProperties(), Clock.systemUTC(), Runnable::run,
				TokenObserver.Factory.NONE, serverCertificate.trustStore(), 0, new TokenTestSupport.RecordingSleeper());
	}

	private static String url() {
		return "https://localhost:" + server.httpsPort();
	}

	private IdentityTokenProvider identity() {
		return this.factory.identity(IdentityCredentials.from(TokenTestSupport.binding("my-ias", "identity",
				Map.of("clientid", "ias-client", "credential-type", "X509_GENERATED", "certificate",
						clientCertificate.certificatePem(), "key", clientCertificate.privateKeyPem(), "url", url(),
						"domains", List.of("localhost")))));
	}

	private XsuaaCredentials xsuaaX509() {
		return XsuaaCredentials.from(TokenTestSupport.binding("my-xsuaa-x509", "xsuaa",
				Map.of("clientid", "sb-x509", "credential-type", "x509", "certificate",
						clientCertificate.certificatePem(), "key", clientCertificate.privateKeyPem(), "url",
						"https://provider.auth.localtest", "certurl", url(), "uaadomain", "auth.localtest",
						"xsappname", "x509app")));
	}

	@Test
	void iasClientCredentialsPresentTheBindingCertificate() {
		AccessToken token = identity().clientCredentials();
		assertThat(token.value()).isEqualTo("ias-token");
		server.verify(exactly(1), postRequestedFor(urlEqualTo("/oauth2/token"))
			.withRequestBody(containing("grant_type=client_credentials"))
			.withRequestBody(containing("client_id=ias-client"))
			.withRequestBody(notContaining("client_secret"))
			.withRequestBody(notContaining("resource")));
	}

	@Test
	void iasApp2AppSendsTheResourceAndCachesPerResource() {
		IdentityTokenProvider provider = identity();
		String user = TokenTestSupport.jwt("{\"sub\":\"frank\"}");
		provider.clientCredentialsForProvider("orders-api");
		provider.clientCredentialsForProvider("orders-api");
		provider.clientCredentialsForProvider("billing-api");
		provider.jwtBearerForProvider(user, "orders-api");
		provider.jwtBearer(user);
		server.verify(exactly(1), postRequestedFor(urlEqualTo("/oauth2/token"))
			.withRequestBody(containing("grant_type=client_credentials"))
			.withRequestBody(containing("resource=urn%3Asap%3Aidentity%3Aapplication%3Aprovider%3Aname%3Aorders-api")));
		server.verify(exactly(1), postRequestedFor(urlEqualTo("/oauth2/token"))
			.withRequestBody(containing("resource=urn%3Asap%3Aidentity%3Aapplication%3Aprovider%3Aname%3Abilling-api")));
		server.verify(exactly(1), postRequestedFor(urlEqualTo("/oauth2/token"))
			.withRequestBody(containing("grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Ajwt-bearer"))
			.withRequestBody(containing("assertion=" + user))
			.withRequestBody(containing("resource=")));
		server.verify(exactly(1), postRequestedFor(urlEqualTo("/oauth2/token"))
			.withRequestBody(containing("assertion=" + user))
			.withRequestBody(notContaining("resource=")));
	}

	@Test
	void iasHasNoSubdomainTenants() {
		assertThatExceptionOfType(UnsupportedOperationException.class)
			.isThrownBy(() -> identity().clientCredentials("other"))
			.withMessageContaining("my-ias");
	}

	@Test
	void xsuaaX509UsesTheCertUrlForTheProviderAndTheTokenFlows() throws Exception {
		XsuaaCredentials credentials = xsuaaX509();
		assertThat(this.factory.xsuaaIssuedProvider(credentials).clientCredentials().value())
			.isEqualTo("xsuaa-token");
		assertThat(XsuaaTokenFlowsFactory.create(this.factory, credentials)
			.clientCredentialsTokenFlow()
			.execute()
			.getAccessToken()).isEqualTo("xsuaa-token");
		server.verify(exactly(2), postRequestedFor(urlEqualTo("/oauth/token"))
			.withRequestBody(containing("client_id=sb-x509"))
			.withRequestBody(notContaining("client_secret")));
	}

	@Test
	void aClientWithoutCertificateIsRefusedByTheEndpoint() {
		IdentityTokenProvider provider = this.factory.identity(IdentityCredentials.from(TokenTestSupport.binding(
				"secret-ias", "identity", Map.of("clientid", "c", "clientsecret", SECRET, "url", url(), "domains",
						List.of("localhost")))));
		assertThatExceptionOfType(TokenRequestException.class).isThrownBy(provider::clientCredentials)
			.withMessageContaining("secret-ias")
			.withMessageContaining("I/O error")
			.withMessageNotContaining(SECRET);
	}

}
