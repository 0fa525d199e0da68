package dev.btpboot.security;

import dev.btpboot.security.reactive.BtpUserWebFluxAutoConfiguration;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The reactive {@code BtpUser} resolver is registered only in reactive web applications with Spring
 * Security.
 */
class BtpUserWebFluxAutoConfigurationTests {

	private static final String CONFIGURER = "btpUserReactiveArgumentResolverConfigurer";

	@Test
	void aReactiveApplicationWithSpringSecurityResolvesBtpUsers() {
		new ReactiveWebApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(BtpUserWebFluxAutoConfiguration.class))
			.run((context) -> assertThat(context).hasBean(CONFIGURER));
	}

	@Test
	void aReactiveApplicationWithoutSpringSecurityHasNoResolver() {
		new ReactiveWebApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(BtpUserWebFluxAutoConfiguration.class))
			.withClassLoader(new FilteredClassLoader(EnableWebFluxSecurity.class))
			.run((context) -> assertThat(context).doesNotHaveBean(CONFIGURER));
	}

	@Test
	void aServletApplicationHasNoReactiveResolver() {
		new WebApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(BtpUserWebFluxAutoConfiguration.class))
			.run((context) -> assertThat(context).doesNotHaveBean(CONFIGURER));
	}

	@Test
	void disabledSecurityHasNoResolver() {
		new ReactiveWebApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(BtpUserWebFluxAutoConfiguration.class))
			.withPropertyValues("btp.security.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(CONFIGURER));
	}

}
