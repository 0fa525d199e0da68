package dev.btpboot.security.certificate;

import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.slf4j.LoggerFactory;

import dev.btpboot.security.jwt.JwtFixture;
import dev.btpboot.testing.TestCertificates;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import static dev.btpboot.security.HttpClients.bearer;
import static dev.btpboot.security.HttpClients.get;
import static dev.btpboot.security.certificate.AbstractClientCertificateHttpTests.base64Der;
import static dev.btpboot.security.certificate.AbstractClientCertificateHttpTests.thumbprint;
import static dev.btpboot.security.certificate.AbstractClientCertificateHttpTests.urlEncoded;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Whose forwarded client certificate counts, over a real server of each stack (the subclasses),
 * with the platform's own environment variables in the system environment: on Kubernetes
 * ({@code KUBERNETES_SERVICE_HOST}) Istio's ingress gateway writes the element with the
 * certificate and the sidecar appends one without, from loopback; a peer outside
 * {@code trusted-proxies} (modelled by a range that excludes loopback, as every test client is on
 * loopback) forges the header; on Cloud Foundry ({@code VCAP_APPLICATION}) no peer is trusted until
 * the operator says which one is. Clients forge the header in every way the issue names: a line
 * before the terminator's, an element left of the trusted hops, a certificate for a bound token.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class AbstractForwardedClientCertificateHttpTests {

	/** Mapped, with role Viewer. */
	static final TestCertificates.Issued sender = AbstractClientCertificateHttpTests.sender;

	/** Mapped, without roles. */
	static final TestCertificates.Issued auditor = AbstractClientCertificateHttpTests.auditor;

	static final String HEADER = "X-Forwarded-Client-Cert";

	/** What Istio's sidecar appends in APPEND_FORWARD: no certificate of the client. */
	static final String SIDECAR = "By=spiffe://cluster.local/ns/app/sa/default;"
			+ "Hash=4b1d0a1b2c3d4e5f;URI=spiffe://cluster.local/ns/istio-system/sa/istio-ingressgateway-service-account";

	final JwtFixture fixture = new JwtFixture().start();

	/** The log of the forwarded header's rule and of the certificate authentication. */
	final ListAppender<ILoggingEvent> log = new ListAppender<>();

	ConfigurableApplicationContext kubernetes;

	ConfigurableApplicationContext untrusted;

	ConfigurableApplicationContext cloudFoundry;

	ConfigurableApplicationContext cloudFoundryAnyPeer;

	/** @return the application class of the stack */
	abstract Class<?> application();

	/** @return a new environment of the stack, whose system environment the test replaces */
	abstract ConfigurableEnvironment environment();

	/** @return properties the stack needs on top of the common ones */
	abstract List<String> stackProperties();

	/**
	 * All applications run until the last test: closing one Reactor Netty server would dispose the
	 * event loops the others share. The log is watched from the second start on, once Spring Boot
	 * has set up logging.
	 */
	@BeforeAll
	void startThePlatforms() {
		Map<String, String> kubernetesVariables = Map.of("KUBERNETES_SERVICE_HOST", "10.96.0.1",
				"KUBERNETES_SERVICE_PORT", "443");
		this.kubernetes = start(kubernetesVariables);
		this.log.start();
		for (Class<?> type : List.of(ForwardedClientCertificates.class, ClientCertificateAuthenticationProvider.class)) {
			((Logger) LoggerFactory.getLogger(type)).addAppender(this.log);
		}
		this.untrusted = start(kubernetesVariables,
				"btp.security.forwarded-client-certificate.trusted-proxies=10.0.0.0/8, fd00::/8");
		this.cloudFoundry = start(Map.of("VCAP_APPLICATION",
				"{\"application_name\":\"app\",\"application_uris\":[\"app.cfapps.eu10.hana.ondemand.com\"]}"));
		this.cloudFoundryAnyPeer = start(Map.of("VCAP_APPLICATION", "{\"application_name\":\"app\"}"),
				"btp.security.forwarded-client-certificate.trusted-proxies=any");
	}

	@AfterAll
	void stop() {
		for (Class<?> type : List.of(ForwardedClientCertificates.class, ClientCertificateAuthenticationProvider.class)) {
			((Logger) LoggerFactory.getLogger(type)).detachAppender(this.log);
		}
		for (ConfigurableApplicationContext context : List.of(this.kubernetes, this.untrusted, this.cloudFoundry,
				this.cloudFoundryAnyPeer)) {
			context.close();
		}
		this.fixture.server.stop();
	}

	@Test
	void onKubernetesTheGatewaysCertificateCountsAndTheSidecarsElementAfterItChangesNothing() {
		int port = port(this.kubernetes);
		assertThat(get(port, "/me", HEADER, gateway(sender) + "," + SIDECAR).body())
			.isEqualTo("sender|tenant-s|[Sender, Viewer]");
		assertThat(get(port, "/me", HEADER, gateway(auditor) + "," + SIDECAR).body()).isEqualTo("auditor|null|[]");
	}

	@Test
	void aClientElementLeftOfTheTrustedHopsNeverCounts() {
		int port = port(this.kubernetes);
		String client = "Hash=forged;Cert=\"" + urlEncoded(sender) + "\"";
		assertThat(get(port, "/me", HEADER, client + "," + gateway(auditor) + "," + SIDECAR).body())
			.isEqualTo("auditor|null|[]");
		// The gateway forwarded the client's element and added none (no client certificate at the gateway).
		HttpResponse<String> withoutGatewayCertificate = get(port, "/me", HEADER,
				client + ",By=spiffe://gateway;Hash=0a1b," + SIDECAR);
		assertThat(withoutGatewayCertificate.statusCode()).isEqualTo(401);
		assertThat(withoutGatewayCertificate.headers().firstValue("WWW-Authenticate")).get()
			.asString()
			.startsWith("Bearer");
	}

	@Test
	void aClientLineBeforeTheTerminatorsLineNeverCounts() {
		int port = port(this.kubernetes);
		assertThat(get(port, "/me", HEADER, "Cert=\"" + urlEncoded(sender) + "\"", HEADER,
				gateway(auditor) + "," + SIDECAR)
			.body()).isEqualTo("auditor|null|[]");
		assertThat(get(port, "/me", HEADER, base64Der(sender), HEADER, SIDECAR).statusCode()).isEqualTo(401);
	}

	@Test
	void probesAndPublicPathsAnswerARequestWhoseHeaderCarriesNoCertificate() {
		int port = port(this.kubernetes);
		for (String path : List.of("/actuator/health/liveness", "/actuator/health/readiness", "/public/ping")) {
			assertThat(get(port, path, HEADER, SIDECAR).statusCode()).as(path).isEqualTo(200);
		}
		assertThat(get(port, "/me", HEADER, SIDECAR).statusCode()).isEqualTo(401);
	}

	@Test
	void aCertificateBoundTokenNeedsTheCertificateTheGatewayForwarded() {
		int port = port(this.kubernetes);
		String token = boundTo(sender);
		assertThat(get(port, "/me", "Authorization", bearer(token), HEADER, gateway(sender) + "," + SIDECAR).body())
			.isEqualTo("bob@example.com|tenant-2|[Viewer]");
		String client = "Cert=\"" + urlEncoded(sender) + "\"";
		assertThat(get(port, "/me", "Authorization", bearer(token), HEADER,
				client + "," + gateway(auditor) + "," + SIDECAR)
			.statusCode()).isEqualTo(401);
	}

	@Test
	void aHeaderForgedByAnUntrustedPeerIsIgnoredAndOneWarningNamesThePeer() {
		int port = port(this.untrusted);
		for (String header : List.of(base64Der(sender), gateway(sender) + "," + SIDECAR, gateway(sender))) {
			HttpResponse<String> response = get(port, "/me", HEADER, header);
			assertThat(response.statusCode()).as(header).isEqualTo(401);
			assertThat(response.headers().firstValue("WWW-Authenticate")).get().asString().startsWith("Bearer");
		}
		assertThat(get(port, "/public/ping", HEADER, base64Der(sender)).statusCode()).isEqualTo(200);
		assertThat(warnings("trusted-proxies (10.0.0.0/8, fd00:0:0:0:0:0:0:0/8)")).singleElement()
			.asString()
			.contains("The X-Forwarded-Client-Cert header of a request from 127.0.0.1 was ignored");
	}

	@Test
	void aCertificateBoundTokenWithAHeaderForgedByAnUntrustedPeerIsUnauthorized() {
		int port = port(this.untrusted);
		String token = boundTo(sender);
		HttpResponse<String> response = get(port, "/me", "Authorization", bearer(token), HEADER,
				gateway(sender) + "," + SIDECAR);
		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(response.headers().firstValue("WWW-Authenticate")).get().asString().contains("invalid_token");
		String unbound = JwtFixture.sign(this.fixture.iasKey, this.fixture.iasClaims().build());
		assertThat(get(port, "/me", "Authorization", bearer(unbound), HEADER, base64Der(sender)).body())
			.isEqualTo("bob@example.com|tenant-2|[Viewer]");
	}

	@Test
	void onCloudFoundryNoPeerMaySetTheHeaderUntilTheOperatorSaysWhichAndTheStartUpSaysSo() {
		int port = port(this.cloudFoundry);
		assertThat(get(port, "/me", HEADER, base64Der(sender)).statusCode()).isEqualTo(401);
		assertThat(get(port, "/me", HEADER, sender.certificatePem().strip().replace("\n", " ")).statusCode())
			.isEqualTo(401);
		assertThat(get(port, "/public/ping", HEADER, base64Der(sender)).statusCode()).isEqualTo(200);
		assertThat(warnings("btp.security.client-certificates has entries, but no TCP peer may set the "
				+ "X-Forwarded-Client-Cert header")).singleElement()
			.asString()
			.contains("always_forward")
			.contains("client-certificate domains");
		assertThat(this.log.list).map(ILoggingEvent::getFormattedMessage)
			.anyMatch((line) -> line.contains("from trusted proxies none (the default on Cloud Foundry)"));
		assertThat(get(port(this.cloudFoundryAnyPeer), "/me", HEADER, base64Der(sender)).body())
			.isEqualTo("sender|tenant-s|[Sender, Viewer]");
	}

	/** @return the WARN lines logged with this text */
	List<String> warnings(String text) {
		return this.log.list.stream()
			.filter((event) -> event.getLevel() == Level.WARN)
			.map(ILoggingEvent::getFormattedMessage)
			.filter((line) -> line.contains(text))
			.toList();
	}

	/** @return the element Istio's ingress gateway writes for a client certificate (SANITIZE_SET) */
	static String gateway(TestCertificates.Issued certificate) {
		return "Hash=" + thumbprint(certificate).substring(0, 12) + ";Cert=\"" + urlEncoded(certificate)
				+ "\";Subject=\"" + certificate.certificate().getSubjectX500Principal().getName().replace("\"", "\\\"")
				+ "\";URI=";
	}

	String boundTo(TestCertificates.Issued certificate) {
		return JwtFixture.sign(this.fixture.iasKey,
				this.fixture.iasClaims().claim("cnf", Map.of("x5t#S256", thumbprint(certificate))).build());
	}

	ConfigurableApplicationContext start(Map<String, String> variables, String... properties) {
		ConfigurableEnvironment environment = environment();
		Map<String, Object> system = new HashMap<>(System.getenv());
		system.putAll(variables);
		environment.getPropertySources()
			.replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, new SystemEnvironmentPropertySource(
					StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, system));
		String[] all = Stream.of(List.of("server.port=0", "server.address=127.0.0.1",
				"VCAP_SERVICES=" + this.fixture.vcapServices(true, true), "btp.security.public-paths=/public/**",
				"btp.security.client-certificates.sender.subject=CN=sender,OU=Integration,O=ACME,C=DE",
				"btp.security.client-certificates.sender.roles=Viewer,Sender",
				"btp.security.client-certificates.sender.tenant=tenant-s",
				"btp.security.client-certificates.auditor.subject=CN=auditor,O=ACME,C=DE"), stackProperties(),
				List.of(properties))
			.flatMap(List::stream)
			.toArray(String[]::new);
		return new SpringApplicationBuilder(application()).environment(environment).properties(all).run();
	}

	static int port(ConfigurableApplicationContext context) {
		return Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
	}

}
