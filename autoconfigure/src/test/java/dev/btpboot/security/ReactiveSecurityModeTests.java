package dev.btpboot.security;

import dev.btpboot.binding.BindingsAutoConfiguration;
import dev.btpboot.security.certificate.ForwardedClientCertificates;
import dev.btpboot.security.certificate.reactive.ReactiveClientCertificateAutoConfiguration;
import dev.btpboot.security.exchange.reactive.ReactiveTokenExchangeAutoConfiguration;
import dev.btpboot.security.jwt.BtpJwtDecoder;
import dev.btpboot.security.jwt.reactive.ReactiveJwtSecurityAutoConfiguration;
import dev.btpboot.security.mock.MockUsers;
import dev.btpboot.security.mock.reactive.ReactiveMockUsersAutoConfiguration;
import dev.btpboot.security.reactive.ReactiveBtpSecurityAutoConfiguration;
import dev.btpboot.security.reactive.ReactiveTestApplication;
import dev.btpboot.token.TokenAutoConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.security.autoconfigure.ReactiveUserDetailsServiceAutoConfiguration;
import org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.reactive.ReactiveWebSecurityAutoConfiguration;
import org.springframework.boot.security.oauth2.server.resource.autoconfigure.reactive.ReactiveOAuth2ResourceServerAutoConfiguration;
import org.springframework.boot.security.oauth2.server.resource.autoconfigure.web.reactive.ReactiveOAuth2ResourceServerWebSecurityAutoConfiguration;
import org.springframework.boot.test.context.assertj.AssertableReactiveWebApplicationContext;
import org.springframework.boot.test.context.runner.ContextConsumer;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.authentication.ReactiveAuthenticationManagerResolver;
import org.springframework.security.authorization.method.AuthorizationAdvisorProxyFactory;
import org.springframework.security.config.annotation.method.configuration.EnableReactiveMethodSecurity;
import org.springframework.security.core.userdetails.ReactiveUserDetailsService;
import org.springframework.security.web.server.SecurityWebFilterChain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The mode matrix of a WebFlux application: the same decision, guard, failure report, log lines
 * and banner as for servlet applications ({@link SecurityModeTests}), the reactive beans of each
 * mode, ahead-of-time processing that records the reactive mode, and reactive method security
 * with its switch and back-off.
 */
@ExtendWith(OutputCaptureExtension.class)
class ReactiveSecurityModeTests {

	private final ReactiveWebApplicationContextRunner runner = new ReactiveWebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(BindingsAutoConfiguration.class,
				ReactiveBtpSecurityAutoConfiguration.class, ReactiveJwtSecurityAutoConfiguration.class,
				ReactiveMockUsersAutoConfiguration.class, MethodSecurityAutoConfiguration.class,
				SecurityAutoConfiguration.class, ReactiveWebSecurityAutoConfiguration.class,
				ReactiveUserDetailsServiceAutoConfiguration.class, ReactiveOAuth2ResourceServerAutoConfiguration.class,
				ReactiveOAuth2ResourceServerWebSecurityAutoConfiguration.class));

	@Test
	void withoutBindingOutsideProductionMockUsersAreAnnounced(CapturedOutput output) {
		this.runner.withPropertyValues("btp.security.mock.users.viewer.password=v13wer-pass").run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context).hasBean("btpSecurityWebFilterChain");
			assertThat(context).hasSingleBean(SecurityWebFilterChain.class);
			assertThat(context).hasSingleBean(MockUsers.class);
			assertThat(context).doesNotHaveBean(BtpJwtDecoder.class);
			assertThat(context).doesNotHaveBean(ReactiveUserDetailsService.class);
			assertThat(SecurityModeAotProcessor.processedMode(context.getBeanFactory())).isEqualTo(SecurityMode.MOCK);
		});
		assertThat(output).contains("Security mode MOCK: no xsuaa/identity binding, not production",
				"MOCK USERS ARE ACTIVE", "system roles=[system-user] (no password: loopback clients only)");
		assertThat(output).doesNotContain("v13wer-pass", "Using generated security password");
	}

	@Test
	void anXsuaaBindingMeansJwt(CapturedOutput output) {
		this.runner.withPropertyValues(SecurityModeTests.XSUAA).run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context).hasSingleBean(SecurityWebFilterChain.class);
			assertThat(context).hasSingleBean(BtpJwtDecoder.class);
			assertThat(context).hasSingleBean(ReactiveAuthenticationManagerResolver.class);
			assertThat(context).doesNotHaveBean(MockUsers.class);
			assertThat(context).doesNotHaveBean(ReactiveUserDetailsService.class);
			assertThat(SecurityModeAotProcessor.processedMode(context.getBeanFactory())).isEqualTo(SecurityMode.JWT);
		});
		assertThat(output).contains("Security mode JWT: xsuaa 'x'").doesNotContain("s3cr3t-xsuaa");
	}

	@Test
	void productionWithoutBindingIsRefused() {
		this.runner.withPropertyValues("VCAP_APPLICATION={}")
			.run(refused("no xsuaa or identity service is bound", "VCAP_APPLICATION"));
		this.runner.withPropertyValues("spring.profiles.active=prod")
			.run(refused("no xsuaa or identity service is bound", "profile 'prod'"));
	}

	@Test
	void mockUsersAreRefusedInProductionEvenWhenAskedFor() {
		this.runner.withPropertyValues(SecurityModeTests.XSUAA, "btp.security.mode=mock", "VCAP_APPLICATION={}")
			.run(refused("Mock users cannot be enabled in production", "VCAP_APPLICATION"));
	}

	@Test
	void jwtModeWithoutBindingIsRefused() {
		this.runner.withPropertyValues("btp.security.mode=jwt").run(refused("btp.security.mode=jwt", "Bind"));
	}

	@Test
	void theTokenExchangeJoinsTheReactiveChainWhenXsuaaAndIdentityAreBound() {
		this.runner
			.withConfiguration(AutoConfigurations.of(TokenAutoConfiguration.class,
					ReactiveTokenExchangeAutoConfiguration.class))
			.withPropertyValues(BOTH, "btp.security.token-exchange=force-xsuaa")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context).hasBean("btpReactiveTokenExchange");
			});
		this.runner
			.withConfiguration(AutoConfigurations.of(TokenAutoConfiguration.class,
					ReactiveTokenExchangeAutoConfiguration.class))
			.withPropertyValues(SecurityModeTests.XSUAA, "btp.security.token-exchange=force-xsuaa")
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean("btpReactiveTokenExchange"));
	}

	@Test
	void clientCertificatesJoinTheReactiveChain() {
		this.runner.withConfiguration(AutoConfigurations.of(ReactiveClientCertificateAutoConfiguration.class))
			.withPropertyValues("btp.security.mock.users.viewer.password=v13wer-pass",
					"btp.security.client-certificates.sender.subject=CN=sender")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context).hasBean("btpReactiveClientCertificateAuthentication");
				assertThat(context).hasSingleBean(ForwardedClientCertificates.class);
			});
	}

	private static final String BOTH = "VCAP_SERVICES={\"xsuaa\":[{\"name\":\"x\",\"label\":\"xsuaa\",\"credentials\":{"
			+ "\"clientid\":\"sb-app!t1\",\"clientsecret\":\"s3cr3t\",\"url\":\"https://sub.authentication.example.com\","
			+ "\"uaadomain\":\"authentication.example.com\",\"xsappname\":\"app!t1\"}}],"
			+ "\"identity\":[{\"name\":\"i\",\"label\":\"identity\",\"credentials\":{\"clientid\":\"ias-client\","
			+ "\"clientsecret\":\"s3cr3t\",\"url\":\"https://t.accounts.example.com\",\"domains\":[\"accounts.example.com\"]}}]}";

	@Test
	void disabledLeavesSpringBootsReactiveDefaults() {
		this.runner.withPropertyValues("btp.security.enabled=false", "VCAP_APPLICATION={}").run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context).doesNotHaveBean("btpSecurityWebFilterChain");
			assertThat(context).doesNotHaveBean(SecurityModeDecision.class);
			assertThat(context).doesNotHaveBean(MockUsers.class);
		});
	}

	@Test
	void reactiveMethodSecurityIsOnAndFollowsTheSwitchAndTheApplicationsOwnConfiguration() {
		// Enforcement itself is shown over Netty (ReactiveMockUsersHttpTests, ReactiveJwtModeHttpTests).
		this.runner.run((context) -> {
			assertThat(context).hasSingleBean(AuthorizationAdvisorProxyFactory.class);
			// The name Spring Security registers @EnableReactiveMethodSecurity's configuration under.
			assertThat(context.getBeanDefinitionNames()).contains("_reactiveMethodSecurityConfiguration");
		});
		this.runner.withPropertyValues("btp.security.method-security.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(AuthorizationAdvisorProxyFactory.class));
		this.runner.withUserConfiguration(OwnMethodSecurity.class).run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context).hasSingleBean(AuthorizationAdvisorProxyFactory.class);
		});
	}

	/** Over Reactor Netty: the start stops before the server starts, with the registered analyzer's report. */
	@Test
	void refusalIsExplainedByTheRegisteredFailureAnalyzer(CapturedOutput output) {
		SpringApplication application = new SpringApplicationBuilder(ReactiveTestApplication.class)
			.properties("spring.main.web-application-type=reactive", "server.port=0", "server.address=127.0.0.1",
					"VCAP_APPLICATION={}")
			.build();
		assertThatExceptionOfType(RuntimeException.class).isThrownBy(application::run);
		assertThat(output).contains("APPLICATION FAILED TO START", "The application runs in production "
				+ "(VCAP_APPLICATION is set) but no xsuaa or identity service is bound", "Action:",
				"Bind an xsuaa or identity service instance");
	}

	private static ContextConsumer<AssertableReactiveWebApplicationContext> refused(String problem, String signal) {
		return (context) -> {
			assertThat(context).hasFailed();
			FailureAnalysis analysis = new SecurityModeFailureAnalyzer().analyze(context.getStartupFailure());
			assertThat(analysis).isNotNull();
			assertThat(analysis.getDescription() + " " + analysis.getAction()).contains(problem).contains(signal);
		};
	}

	@Configuration(proxyBeanMethods = false)
	@EnableReactiveMethodSecurity
	static class OwnMethodSecurity {

	}

}
