package dev.btpboot.binding;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.actuate.info.Info;
import org.springframework.boot.actuate.info.InfoContributor;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

@ExtendWith(OutputCaptureExtension.class)
class BindingsAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(BindingsAutoConfiguration.class))
		.withPropertyValues("btp.bindings.kubernetes-root=/nonexistent");

	private final LoggingSystem logging = LoggingSystem.get(getClass().getClassLoader());

	private final Map<String, LogLevel> levelsBefore = new HashMap<>();

	@BeforeEach
	void rememberLogLevels() {
		this.logging.getLoggerConfigurations()
			.forEach((logger) -> this.levelsBefore.put(logger.getName(), logger.getConfiguredLevel()));
	}

	/** {@link #start} turns DEBUG on everywhere; later tests in this JVM must not inherit it. */
	@AfterEach
	void restoreLogLevels() {
		this.logging.getLoggerConfigurations().forEach((logger) -> {
			LogLevel before = this.levelsBefore.get(logger.getName());
			if (!Objects.equals(before, logger.getConfiguredLevel())) {
				this.logging.setLogLevel(logger.getName(), before);
			}
		});
	}

	@Test
	void startsWithoutAnyBinding() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasNotFailed().hasSingleBean(ServiceBindings.class);
			assertThat(context.getBean(ServiceBindings.class).all()).isEmpty();
			assertThat(context).doesNotHaveBean("xsuaaOnly");
		});
	}

	@Test
	void exposesBindingsAndMatchesBindingConditions() {
		this.contextRunner.withUserConfiguration(NeedsXsuaa.class)
			.withPropertyValues("VCAP_SERVICES=" + BindingFixtures.allServicesVcap())
			.run((context) -> {
				ServiceBindings bindings = context.getBean(ServiceBindings.class);
				assertThat(bindings.all()).hasSize(4);
				assertThat(context).hasBean("xsuaaOnly").doesNotHaveBean("somethingElseOnly");
			});
	}

	@Test
	void userBeanReplacesTheBindings() {
		ServiceBindings own = new ServiceBindings(List.of(), Map.of());
		this.contextRunner.withBean(ServiceBindings.class, () -> own)
			.run((context) -> assertThat(context.getBean(ServiceBindings.class)).isSameAs(own));
	}

	@Test
	void infoShowsEachBindingWithoutCredentialValues() {
		this.contextRunner.withPropertyValues("VCAP_SERVICES=" + BindingFixtures.allServicesVcap()).run((context) -> {
			Info.Builder builder = new Info.Builder();
			context.getBean("btpBindingsInfoContributor", InfoContributor.class).contribute(builder);
			Info info = builder.build();
			@SuppressWarnings("unchecked")
			List<Map<String, Object>> entries = (List<Map<String, Object>>) info.get("btpBindings");
			assertThat(entries).hasSize(4);
			assertThat(entries.get(0)).containsEntry("service", "xsuaa")
				.containsEntry("name", "bookshop-uaa")
				.containsEntry("plan", "application")
				.containsEntry("source", "VCAP_SERVICES")
				.containsEntry("credentialType", "secret");
			assertThat(entries.get(1)).containsEntry("credentialType", "x509");
			assertThat(info.toString()).doesNotContain(BindingFixtures.XSUAA_SECRET, "PRIVATE KEY");
		});
	}

	@Test
	void ambiguityStopsTheStartWhenSomethingNeedsTheBinding() {
		String twoXsuaa = BindingFixtures.vcap(
				BindingFixtures.vcapEntry("xsuaa", "uaa-one", "application", List.of(),
						BindingFixtures.xsuaaSecretCredentials()),
				BindingFixtures.vcapEntry("xsuaa", "uaa-two", "application", List.of(),
						BindingFixtures.xsuaaSecretCredentials()));
		this.contextRunner.withUserConfiguration(NeedsXsuaa.class)
			.withPropertyValues("VCAP_SERVICES=" + twoXsuaa)
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(ServiceBindingException.class)
				.hasMessageContaining("[uaa-one, uaa-two]"));
	}

	@Test
	void badBindingFailsTheStartThroughTheFailureAnalyzerWithoutLeakingSecrets(CapturedOutput output) {
		Map<String, Object> credentials = BindingFixtures.xsuaaX509Credentials();
		credentials.put("clientsecret", BindingFixtures.XSUAA_SECRET);
		credentials.put("key", dev.btpboot.testing.TestCertificates.selfSignedRsa("other").privateKeyPem());
		String vcap = BindingFixtures.vcap(
				BindingFixtures.vcapEntry("xsuaa", "bookshop-uaa", "application", List.of(), credentials),
				BindingFixtures.vcapEntry("connectivity", "conn", "lite", List.of(),
						BindingFixtures.connectivityCredentials()));

		assertThatException().isThrownBy(() -> start(vcap));

		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("Service binding 'bookshop-uaa' from VCAP_SERVICES, field 'key': the private key does not "
					+ "match the certificate")
			.contains("Re-create the service binding or key");
		assertNoSecrets(output.toString(), credentials);
	}

	@Test
	void debugLoggingOfAHealthyStartShowsNoSecret(CapturedOutput output) {
		String vcap = BindingFixtures.vcap(
				BindingFixtures.vcapEntry("xsuaa", "bookshop-uaa", "application", List.of(),
						BindingFixtures.xsuaaX509Credentials()),
				BindingFixtures.vcapEntry("connectivity", "conn", "lite", List.of(),
						BindingFixtures.connectivityCredentials()),
				BindingFixtures.vcapEntry("destination", "dest", "lite", List.of(),
						BindingFixtures.destinationCredentials()));

		try (ConfigurableApplicationContext context = start(vcap)) {
			assertThat(context.getBean(ServiceBindings.class).all()).hasSize(3);
		}

		assertThat(output).contains("Service bindings: ServiceBindings[ServiceBinding[name=bookshop-uaa");
		assertNoSecrets(output.toString(), BindingFixtures.xsuaaX509Credentials());
	}

	private static void assertNoSecrets(String output, Map<String, Object> credentials) {
		String privateKeyBody = ((String) credentials.get("key")).split("\n")[1];
		assertThat(output).doesNotContain(BindingFixtures.XSUAA_SECRET, BindingFixtures.CONNECTIVITY_SECRET,
				BindingFixtures.DESTINATION_SECRET, privateKeyBody, "PRIVATE KEY");
	}

	private static ConfigurableApplicationContext start(String vcapServices) {
		// DEBUG everywhere: not even debug logging may show a credential.
		return new SpringApplicationBuilder(BindingsApplication.class).web(WebApplicationType.NONE)
			.properties("VCAP_SERVICES=" + vcapServices, "btp.bindings.kubernetes-root=/nonexistent",
					"logging.level.root=DEBUG", "debug=true")
			.run();
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration(BindingsAutoConfiguration.class)
	static class BindingsApplication {

	}

	@Configuration(proxyBeanMethods = false)
	static class NeedsXsuaa {

		@Bean
		@ConditionalOnServiceBinding("xsuaa")
		String xsuaaOnly(ServiceBindings bindings) {
			return bindings.xsuaa().orElseThrow().clientId();
		}

		@Bean
		@ConditionalOnServiceBinding("something-else")
		String somethingElseOnly() {
			return "never";
		}

	}

}
