package dev.btpboot.security;

import java.util.function.Consumer;

import dev.btpboot.binding.BindingsAutoConfiguration;
import dev.btpboot.security.jwt.servlet.JwtSecurityAutoConfiguration;
import dev.btpboot.security.mock.servlet.MockUsersAutoConfiguration;
import dev.btpboot.security.servlet.BtpSecurityAutoConfiguration;
import org.junit.jupiter.api.Test;

import org.springframework.aot.hint.RuntimeHints;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration;
import org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration;
import org.springframework.boot.security.oauth2.server.resource.autoconfigure.OAuth2ResourceServerAutoConfiguration;
import org.springframework.boot.security.oauth2.server.resource.autoconfigure.web.OAuth2ResourceServerWebSecurityAutoConfiguration;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Under ahead-of-time processing the mode is decided at build time; a start that decides
 * otherwise is refused. The processed sample shows it end to end (SecureApiAotIT).
 */
class SecurityModeAotTests {

	private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(BindingsAutoConfiguration.class, BtpSecurityAutoConfiguration.class,
				JwtSecurityAutoConfiguration.class, MockUsersAutoConfiguration.class, SecurityAutoConfiguration.class,
				ServletWebSecurityAutoConfiguration.class, UserDetailsServiceAutoConfiguration.class,
				OAuth2ResourceServerAutoConfiguration.class, OAuth2ResourceServerWebSecurityAutoConfiguration.class));

	@Test
	void processingWithoutABindingFixesMockUsers() {
		processAheadOfTime(this.runner, (beanFactory) -> assertThat(SecurityModeAotProcessor.processedMode(beanFactory))
			.isEqualTo(SecurityMode.MOCK));
	}

	@Test
	void processingWithAnXsuaaBindingFixesJwt() {
		processAheadOfTime(this.runner.withPropertyValues(SecurityModeTests.XSUAA), (beanFactory) -> assertThat(
				SecurityModeAotProcessor.processedMode(beanFactory))
			.isEqualTo(SecurityMode.JWT));
	}

	/** As the README suggests for a cloud image: a well-formed binding with placeholder values. */
	@Test
	void processingWithAPlaceholderBindingFixesJwt() {
		processAheadOfTime(this.runner.withPropertyValues(
				"VCAP_SERVICES={\"xsuaa\":[{\"label\":\"xsuaa\",\"name\":\"my-app-uaa\",\"credentials\":{"
						+ "\"clientid\":\"placeholder\",\"clientsecret\":\"placeholder\",\"xsappname\":\"placeholder\","
						+ "\"url\":\"https://placeholder.invalid\",\"uaadomain\":\"placeholder.invalid\"}}]}"),
				(beanFactory) -> assertThat(SecurityModeAotProcessor.processedMode(beanFactory))
					.isEqualTo(SecurityMode.JWT));
	}

	@Test
	void processingInProductionWithoutABindingFixesNoMode() {
		processAheadOfTime(this.runner.withPropertyValues("VCAP_APPLICATION={}"),
				(beanFactory) -> assertThat(SecurityModeAotProcessor.processedMode(beanFactory)).isNull());
	}

	@Test
	void processingWithTheStartersSecurityContributesTheCheck() {
		processAheadOfTime(this.runner, (beanFactory) -> assertThat(
				new SecurityModeAotProcessor().processAheadOfTime(beanFactory))
			.isNotNull());
	}

	@Test
	void processingWithTheStartersSecurityDisabledContributesNoCheck() {
		processAheadOfTime(this.runner.withPropertyValues("btp.security.enabled=false"),
				(beanFactory) -> assertThat(new SecurityModeAotProcessor().processAheadOfTime(beanFactory)).isNull());
	}

	@Test
	void aStartThatDecidesTheProcessedModeGoesOn() {
		SecurityModeDecision local = SecurityModeDecision.decide(new MockEnvironment(), false);
		assertThat(SecurityModeAotCheck.check(SecurityMode.MOCK, local)).isNotNull();
		SecurityModeDecision cloud = SecurityModeDecision
			.decide(new MockEnvironment().withProperty("VCAP_APPLICATION", "{}"), true);
		assertThat(SecurityModeAotCheck.check(SecurityMode.JWT, cloud)).isNotNull();
	}

	@Test
	void mockUsersProcessedButStartedWithAnXsuaaBindingInTheCloudIsRefused() {
		SecurityModeDecision cloud = SecurityModeDecision
			.decide(new MockEnvironment().withProperty("VCAP_APPLICATION", "{}"), true);
		assertThatExceptionOfType(SecurityModeException.class)
			.isThrownBy(() -> SecurityModeAotCheck.check(SecurityMode.MOCK, cloud))
			.withMessageContaining("processed ahead of time")
			.withMessageContaining("with security mode MOCK")
			.withMessageContaining("decides JWT")
			.satisfies((ex) -> assertThat(ex.getAction()).contains("-Dspring.aot.enabled=true"));
	}

	@Test
	void jwtProcessedButStartedLocallyWithoutABindingIsRefused() {
		SecurityModeDecision local = SecurityModeDecision.decide(new MockEnvironment(), false);
		assertThatExceptionOfType(SecurityModeException.class)
			.isThrownBy(() -> SecurityModeAotCheck.check(SecurityMode.JWT, local))
			.withMessageContaining("with security mode JWT")
			.withMessageContaining("decides MOCK");
	}

	@Test
	void securityProcessedButDisabledAtStartIsRefused() {
		SecurityModeDecision disabled = SecurityModeDecision
			.decide(new MockEnvironment().withProperty("btp.security.enabled", "false"), false);
		assertThatExceptionOfType(SecurityModeException.class)
			.isThrownBy(() -> SecurityModeAotCheck.check(SecurityMode.MOCK, disabled))
			.withMessageContaining("decides none");
	}

	/** Refreshes the bean factory as the build does: conditions evaluated, no bean created. */
	private static void processAheadOfTime(WebApplicationContextRunner runner,
			Consumer<ConfigurableListableBeanFactory> processed) {
		runner.prepare((context) -> {
			GenericApplicationContext source = (GenericApplicationContext) context.getSourceApplicationContext();
			source.refreshForAotProcessing(new RuntimeHints());
			processed.accept(source.getBeanFactory());
		});
	}

}
