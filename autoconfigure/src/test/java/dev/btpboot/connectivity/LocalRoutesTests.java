package dev.btpboot.connectivity;

import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import dev.btpboot.binding.BindingsAutoConfiguration;
import dev.btpboot.connectivity.http.ConnectivityHttpAutoConfiguration;
import dev.btpboot.connectivity.mail.ConnectivityMailAutoConfiguration;
import dev.btpboot.connectivity.socks.ConnectivitySocksAutoConfiguration;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.http.client.autoconfigure.HttpClientAutoConfiguration;
import org.springframework.boot.http.client.autoconfigure.imperative.ImperativeHttpClientAutoConfiguration;
import org.springframework.boot.http.converter.autoconfigure.HttpMessageConvertersAutoConfiguration;
import org.springframework.boot.mail.autoconfigure.MailSenderAutoConfiguration;
import org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.web.client.RestClient;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code btp.connectivity.local-routes} on a laptop: no connectivity binding, no proxy; mail and
 * HTTP for a virtual host reach a local GreenMail and WireMock through the same socket factory and
 * HTTP routing that otherwise talk to the proxy. In production the application refuses to start.
 */
@ExtendWith(OutputCaptureExtension.class)
class LocalRoutesTests {

	@RegisterExtension
	static final GreenMailExtension greenMail = new GreenMailExtension(
			new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort())
		.withPerMethodLifecycle(false);

	private static final WireMockServer erp = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(BindingsAutoConfiguration.class, ConnectivityAutoConfiguration.class,
				ConnectivitySocksAutoConfiguration.class, ConnectivityMailAutoConfiguration.class,
				MailSenderAutoConfiguration.class, ConnectivityHttpAutoConfiguration.class,
				HttpClientAutoConfiguration.class, ImperativeHttpClientAutoConfiguration.class,
				HttpMessageConvertersAutoConfiguration.class, RestClientAutoConfiguration.class));

	@BeforeAll
	static void start() {
		erp.start();
		erp.stubFor(get("/sap/opu/odata/items?top=1").willReturn(ok("local items")));
	}

	@AfterAll
	static void stop() {
		erp.stop();
	}

	@Test
	void mailToAVirtualHostReachesTheLocalServerWithoutAnyProxy(CapturedOutput output) throws Exception {
		int smtp = greenMail.getSmtp().getPort();
		this.runner
			.withPropertyValues("btp.connectivity.mail.enabled=true", "spring.mail.host=mail.virtual",
					"spring.mail.port=25")
			.withInitializer(route("mail.virtual:25", "127.0.0.1:" + smtp))
			.run((context) -> {
				assertThat(context).hasNotFailed();
				SimpleMailMessage message = new SimpleMailMessage();
				message.setFrom("app@example.com");
				message.setTo("user@mail.virtual");
				message.setSubject("Sent over a local route");
				message.setText("hello");
				context.getBean(JavaMailSender.class).send(message);
				assertThat(greenMail.waitForIncomingEmail(5000, 1)).isTrue();
				MimeMessage received = greenMail.getReceivedMessages()[0];
				assertThat(received.getSubject()).isEqualTo("Sent over a local route");
			});
		assertThat(output).contains("local routes (btp.connectivity.local-routes) bypass the connectivity proxy: "
				+ "mail.virtual:25 -> 127.0.0.1:" + smtp);
	}

	@Test
	void anHttpCallToAVirtualHostReachesTheLocalServerWithoutAnyProxy() {
		this.runner.withInitializer(route("erp.virtual:44300", "127.0.0.1:" + erp.port()))
			.run((context) -> {
				String body = context.getBean(RestClient.Builder.class)
					.build()
					.get()
					.uri("http://erp.virtual:44300/sap/opu/odata/items?top=1")
					.retrieve()
					.body(String.class);
				assertThat(body).isEqualTo("local items");
				erp.verify(1, getRequestedFor(urlEqualTo("/sap/opu/odata/items?top=1")));
			});
	}

	@Test
	void aVirtualHostWithoutALocalRouteIsNotSentToTheLocalServer() {
		this.runner.withInitializer(route("erp.virtual:44300", "127.0.0.1:" + erp.port()))
			.run((context) -> assertThat(context.getBean(LocalRoutes.class).find("erp.virtual", 443)).isNull());
	}

	@ParameterizedTest
	@ValueSource(strings = { "VCAP_APPLICATION", "KUBERNETES_SERVICE_HOST" })
	void localRoutesAreRefusedInProduction(String platformVariable) {
		this.runner.withInitializer((context) -> context.getEnvironment()
			.getPropertySources()
			.addLast(new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
					Map.of(platformVariable, "10.0.0.1"))))
			.withInitializer(route("mail.virtual:25", "localhost:3025"))
			.run((context) -> {
				assertThat(context).hasFailed();
				FailureAnalysis analysis = new ConnectivityFailureAnalyzer().analyze(context.getStartupFailure());
				assertThat(analysis.getDescription()).contains(
						"btp.connectivity.local-routes is set while the application runs in production ("
								+ platformVariable + " is set)");
				assertThat(analysis.getAction())
					.startsWith("Remove btp.connectivity.local-routes from the production configuration");
				assertThat(analysis.getDescription()).doesNotContain(analysis.getAction());
			});
	}

	@Test
	void localRoutesAreRefusedUnderAProductionProfile() {
		this.runner
			.withPropertyValues("spring.profiles.active=cloud")
			.withInitializer(route("mail.virtual:25", "localhost:3025"))
			.run((context) -> assertThat(
					new ConnectivityFailureAnalyzer().analyze(context.getStartupFailure()).getDescription())
				.contains("profile 'cloud' is active"));
	}

	@Test
	void aMalformedRouteNamesTheEntry() {
		this.runner.withInitializer(route("mail.virtual", "localhost:3025"))
			.run((context) -> {
				FailureAnalysis analysis = new ConnectivityFailureAnalyzer().analyze(context.getStartupFailure());
				assertThat(analysis.getDescription())
					.contains("btp.connectivity.local-routes key 'mail.virtual' is not of the form <host>:<port>");
				assertThat(analysis.getAction()).contains("btp.connectivity.local-routes[mail.virtual:25]=localhost:3025");
			});
	}

	/**
	 * A route as a properties file holds it. (TestPropertyValues would split the key at its ':'.)
	 */
	private static ApplicationContextInitializer<ConfigurableApplicationContext> route(String virtual, String local) {
		return (context) -> context.getEnvironment()
			.getPropertySources()
			.addFirst(new MapPropertySource("application.properties",
					Map.of("btp.connectivity.local-routes[" + virtual + "]", local)));
	}

	@Test
	void withoutLocalRoutesOrAProxyConnectivityStaysOff() {
		this.runner.run((context) -> assertThat(context).doesNotHaveBean(LocalRoutes.class)
			.doesNotHaveBean(ConnectivityProxy.class));
	}

}
