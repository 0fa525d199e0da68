package dev.btpboot.destination;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.btpboot.binding.BindingsAutoConfiguration;
import dev.btpboot.destination.http.DestinationClients;
import dev.btpboot.destination.http.DestinationHttpAutoConfiguration;
import dev.btpboot.testing.FakeConnectivityTokens;
import dev.btpboot.token.TokenAutoConfiguration;
import dev.btpboot.token.TokenProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.http.client.autoconfigure.HttpClientAutoConfiguration;
import org.springframework.boot.http.client.autoconfigure.imperative.ImperativeHttpClientAutoConfiguration;
import org.springframework.boot.http.converter.autoconfigure.HttpMessageConvertersAutoConfiguration;
import org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.http.HttpHeaders;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static dev.btpboot.destination.DestinationStubs.answer;
import static dev.btpboot.destination.DestinationStubs.basicOnPremise;
import static dev.btpboot.destination.DestinationStubs.find;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Local destinations ({@code btp.destinations.local.*} and SAP Cloud SDK's {@code destinations}
 * variable, both from the Environment) with the same types and clients as those of the
 * Destination service: without a binding, before the service's, and refused in production.
 */
class LocalDestinationsTests {

	private static final String PASSWORD = "local-Passw0rd-never-logged";

	@RegisterExtension
	static final WireMockExtension target = WireMockExtension.newInstance()
		.options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"))
		.build();

	@RegisterExtension
	static final WireMockExtension service = WireMockExtension.newInstance()
		.options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"))
		.build();

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(BindingsAutoConfiguration.class, TokenAutoConfiguration.class,
				DestinationAutoConfiguration.class, DestinationHttpAutoConfiguration.class,
				HttpClientAutoConfiguration.class, ImperativeHttpClientAutoConfiguration.class,
				HttpMessageConvertersAutoConfiguration.class, RestClientAutoConfiguration.class))
		.withPropertyValues("btp.bindings.kubernetes-root=/nonexistent");

	@BeforeEach
	void target() {
		target.stubFor(get(anyUrl()).willReturn(ok("local system")));
	}

	@Test
	void aConfiguredDestinationReachesItsSystemThroughTheRestClientWithoutABinding() {
		this.runner
			.withPropertyValues("btp.destinations.local.erp.URL=" + target.baseUrl() + "/sap",
					"btp.destinations.local.erp.Authentication=BasicAuthentication",
					"btp.destinations.local.erp.User=erp-user", "btp.destinations.local.erp.Password=" + PASSWORD,
					"btp.destinations.local.erp[URL.headers.sap-client]=100")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				String body = context.getBean(DestinationClients.class)
					.restClient("erp")
					.build()
					.get()
					.uri("/items")
					.retrieve()
					.body(String.class);
				assertThat(body).isEqualTo("local system");
				target.verify(getRequestedFor(urlPathEqualTo("/sap/items"))
					.withHeader(HttpHeaders.AUTHORIZATION,
							equalTo("Basic " + HttpHeaders.encodeBasicAuth("erp-user", PASSWORD, null)))
					.withHeader("sap-client", equalTo("100")));
				Destination erp = context.getBean(DestinationService.class).require("erp");
				assertThat(erp.level()).isEqualTo(DestinationLevel.LOCAL);
				assertThat(erp.toString()).doesNotContain(PASSWORD);
			});
	}

	@Test
	void theDestinationsVariableOfTheSdkDefinesDestinationsWithItsKeyNames() {
		this.runner
			.withPropertyValues("destinations=[{\"name\": \"crm\", \"url\": \"" + target.baseUrl()
					+ "\", \"username\": \"crm-user\", \"password\": \"" + PASSWORD + "\", \"authentication\": "
					+ "\"BasicAuthentication\"}, {\"name\": \"mailbox\", \"type\": \"MAIL\", \"mail.smtp.host\": "
					+ "\"smtp.example.com\", \"mail.smtp.port\": 587}]")
			.run((context) -> {
				DestinationService destinations = context.getBean(DestinationService.class);
				HttpDestination crm = destinations.require("crm", HttpDestination.class);
				assertThat(crm.user()).isEqualTo("crm-user");
				assertThat(crm.authentication()).isEqualTo("BasicAuthentication");
				MailDestination mailbox = destinations.require("mailbox", MailDestination.class);
				assertThat(mailbox.host()).isEqualTo("smtp.example.com");
				assertThat(mailbox.port()).isEqualTo(587);
				assertThat(destinations.findAll().names()).containsExactly("crm", "mailbox");
			});
	}

	@Test
	void keysAsEnvironmentVariablesSpellThemAreMatchedWithoutRegardToCase() {
		this.runner.withPropertyValues("btp.destinations.local.erp.url=" + target.baseUrl(),
				"btp.destinations.local.erp.proxytype=Internet", "btp.destinations.local.erp.type=http")
			.run((context) -> assertThat(context.getBean(DestinationService.class)
				.require("erp", HttpDestination.class)
				.url()
				.toString()).isEqualTo(target.baseUrl()));
	}

	@Test
	void localDestinationsComeBeforeThoseOfTheDestinationService() {
		service.stubFor(find("erp").willReturn(okJson(answer(basicOnPremise("erp", "http://erp.virtual"), ""))));
		service.stubFor(find("crm").willReturn(okJson(answer(basicOnPremise("crm", "http://crm.virtual"), ""))));
		this.runner.withBean("destinationTokenProvider", TokenProvider.class, FakeConnectivityTokens::new)
			.withPropertyValues("VCAP_SERVICES=" + DestinationStubs.vcapServices("http://127.0.0.1:1", service.baseUrl()),
					"btp.destinations.local.erp.URL=" + target.baseUrl())
			.run((context) -> {
				DestinationService destinations = context.getBean(DestinationService.class);
				assertThat(destinations.require("erp", HttpDestination.class).url().toString())
					.isEqualTo(target.baseUrl());
				assertThat(destinations.require("crm", HttpDestination.class).url().getHost()).isEqualTo("crm.virtual");
				service.verify(0, getRequestedFor(urlPathEqualTo(DestinationStubs.PATH + "erp")));
				assertThat(service.findAll(anyRequestedFor(anyUrl()))).hasSize(1);
			});
	}

	@Test
	void inProductionLocalDestinationsStopTheStartNamingWhatSaysProduction() {
		this.runner.withPropertyValues("btp.destinations.local.erp.URL=" + target.baseUrl(), "VCAP_APPLICATION={}")
			.run((context) -> {
				assertThat(context).hasFailed();
				FailureAnalysis analysis = new LocalDestinationsFailureAnalyzer().analyze(context.getStartupFailure());
				assertThat(analysis.getDescription()).isEqualTo("Local destinations (btp.destinations.local.*) are "
						+ "defined while the application runs in production (VCAP_APPLICATION is set); they would "
						+ "bypass the Destination service.");
				assertThat(analysis.getAction()).startsWith("Remove btp.destinations.local.* and the 'destinations' "
						+ "variable from the production configuration");
			});
	}

	@Test
	void theSdksVariableInProductionStopsTheStartToo() {
		this.runner.withPropertyValues("destinations=[{\"name\": \"crm\", \"url\": \"https://crm.example.com\"}]",
				"KUBERNETES_SERVICE_HOST=10.0.0.1")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(LocalDestinationsException.class)
				.hasMessageContaining("the environment variable 'destinations'")
				.hasMessageContaining("KUBERNETES_SERVICE_HOST is set"));
	}

	@Test
	void aLocalDestinationThatCannotBeTypedNamesItsPropertyAndTheMissingKey() {
		this.runner.withPropertyValues("btp.destinations.local.echo.Type=TCP",
				"btp.destinations.local.echo.Password=" + PASSWORD)
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(LocalDestinationsException.class)
				.hasMessage("The local destination of btp.destinations.local.echo cannot be read: property 'Address' "
						+ "is missing.")
				.message()
				.doesNotContain(PASSWORD));
	}

	@Test
	void aVariableThatIsNotAJsonArrayIsRefusedWithoutQuotingIt() {
		this.runner.withPropertyValues("destinations={\"name\": \"crm\", \"password\": \"" + PASSWORD + "\"")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessage("The environment variable 'destinations' is not a JSON array of destinations."));
	}

	@Test
	void withoutLocalDestinationsOrABindingThereIsNoDestinationService() {
		this.runner.run((context) -> assertThat(context).hasNotFailed()
			.doesNotHaveBean(DestinationService.class)
			.doesNotHaveBean(DestinationSockets.class));
	}

}
