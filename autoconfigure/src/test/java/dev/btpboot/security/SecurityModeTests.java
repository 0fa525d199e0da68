package dev.btpboot.security;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.StreamSupport;

import dev.btpboot.binding.BindingsAutoConfiguration;
import dev.btpboot.security.jwt.BtpJwtDecoder;
import dev.btpboot.security.jwt.servlet.JwtSecurityAutoConfiguration;
import dev.btpboot.security.mock.MockUsers;
import dev.btpboot.security.mock.servlet.MockUsersAutoConfiguration;
import dev.btpboot.security.servlet.BtpSecurityAutoConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration;
import org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration;
import org.springframework.boot.security.oauth2.server.resource.autoconfigure.OAuth2ResourceServerAutoConfiguration;
import org.springframework.boot.security.oauth2.server.resource.autoconfigure.web.OAuth2ResourceServerWebSecurityAutoConfiguration;
import org.springframework.boot.test.context.assertj.AssertableWebApplicationContext;
import org.springframework.boot.test.context.runner.ContextConsumer;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.core.io.ClassPathResource;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.web.SecurityFilterChain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** The mode matrix: binding or not, each production signal, explicit settings, and the start-up result. */
@ExtendWith(OutputCaptureExtension.class)
public class SecurityModeTests {

	public static final String XSUAA = "VCAP_SERVICES={\"xsuaa\":[{\"name\":\"x\",\"label\":\"xsuaa\",\"credentials\":{"
			+ "\"clientid\":\"sb-app!t1\",\"clientsecret\":\"s3cr3t-xsuaa\",\"url\":\"https://sub.authentication.example.com\","
			+ "\"uaadomain\":\"authentication.example.com\",\"xsappname\":\"app!t1\"}}]}";

	static final String IDENTITY = "VCAP_SERVICES={\"identity\":[{\"name\":\"i\",\"label\":\"identity\",\"credentials\":{"
			+ "\"clientid\":\"ias-client\",\"clientsecret\":\"s3cr3t-ias\",\"url\":\"https://t.accounts.example.com\","
			+ "\"domains\":[\"accounts.example.com\"]}}]}";

	private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(BindingsAutoConfiguration.class, BtpSecurityAutoConfiguration.class,
				JwtSecurityAutoConfiguration.class, MockUsersAutoConfiguration.class, SecurityAutoConfiguration.class,
				ServletWebSecurityAutoConfiguration.class, UserDetailsServiceAutoConfiguration.class,
				OAuth2ResourceServerAutoConfiguration.class, OAuth2ResourceServerWebSecurityAutoConfiguration.class));

	@Test
	void withoutBindingOutsideProductionUsesMockUsers() {
		this.runner.run(mockMode());
	}

	@Test
	void xsuaaBindingMeansJwt() {
		this.runner.withPropertyValues(XSUAA).run(jwtMode());
	}

	@Test
	void identityBindingMeansJwt() {
		this.runner.withPropertyValues(IDENTITY).run(jwtMode());
	}

	@Test
	void bindingInProductionMeansJwt() {
		this.runner.withPropertyValues(XSUAA, "VCAP_APPLICATION={}").run(jwtMode());
	}

	@ParameterizedTest
	@ValueSource(strings = { "VCAP_APPLICATION={\"application_name\":\"a\"}", "KUBERNETES_SERVICE_HOST=10.0.0.1" })
	void productionVariableWithoutBindingRefusesToStart(String signal) {
		this.runner.withPropertyValues(signal)
			.run(refused("no xsuaa or identity service is bound", signal.substring(0, signal.indexOf('='))));
	}

	@ParameterizedTest
	@ValueSource(strings = { "cloud", "production", "prod" })
	void productionProfileWithoutBindingRefusesToStart(String profile) {
		this.runner.withInitializer((context) -> context.getEnvironment().setActiveProfiles(profile))
			.run(refused("no xsuaa or identity service is bound", "profile '" + profile + "'"));
	}

	@Test
	void aProductionProfileAmongTheDefaultProfilesMeansProduction() {
		this.runner.withPropertyValues("spring.profiles.default=prod")
			.run(refused("no xsuaa or identity service is bound", "default profile 'prod' is in effect"));
	}

	@Test
	void anActiveProfileReplacesADefaultProductionProfile() {
		this.runner.withPropertyValues("spring.profiles.default=prod")
			.withInitializer((context) -> context.getEnvironment().setActiveProfiles("dev"))
			.run(mockMode());
	}

	@Test
	void productionWithoutBindingNamesEveryWayThatStarts(@TempDir Path directory) throws IOException {
		this.runner.withPropertyValues("VCAP_APPLICATION={}").run((context) -> {
			FailureAnalysis analysis = new SecurityModeFailureAnalyzer().analyze(context.getStartupFailure());
			assertThat(analysis.getAction()).contains("Bind an xsuaa or identity service instance",
					"btp.bindings.local-file", "btp.security.enabled=false", "SecurityFilterChain");
			assertThat(analysis.getAction()).doesNotContain("btp.security.mode");
		});
		// Each of them starts in production.
		this.runner.withPropertyValues(XSUAA, "VCAP_APPLICATION={}").run(jwtMode());
		Path localFile = directory.resolve("default-env.json");
		Files.writeString(localFile, "{\"VCAP_SERVICES\":" + XSUAA.substring("VCAP_SERVICES=".length()) + "}");
		this.runner.withPropertyValues("btp.bindings.local-file=" + localFile, "VCAP_APPLICATION={}").run(jwtMode());
		this.runner.withPropertyValues("btp.security.enabled=false", "VCAP_APPLICATION={}")
			.run((context) -> assertThat(context).hasNotFailed());
	}

	@Test
	void productionProfilesDocumentTheirDefaultInTheMetadata() throws IOException {
		try (InputStream metadata = new ClassPathResource("META-INF/spring-configuration-metadata.json")
			.getInputStream()) {
			JsonNode property = StreamSupport
				.stream(JsonMapper.builder().build().readTree(metadata).get("properties").spliterator(), false)
				.filter((node) -> node.get("name").asString().equals("btp.security.production-profiles"))
				.findFirst()
				.orElseThrow();
			assertThat(property.get("defaultValue")).extracting(JsonNode::asString)
				.containsExactly("cloud", "production", "prod");
		}
	}

	@Test
	void productionProfilesAreConfigurable() {
		this.runner.withPropertyValues("btp.security.production-profiles=live")
			.withInitializer((context) -> context.getEnvironment().setActiveProfiles("live"))
			.run(refused("no xsuaa or identity service is bound", "profile 'live'"));
		this.runner.withPropertyValues("btp.security.production-profiles=live")
			.withInitializer((context) -> context.getEnvironment().setActiveProfiles("cloud"))
			.run(mockMode());
	}

	@Test
	void explicitMockModeInProductionRefusesToStartEvenWithBinding() {
		this.runner.withPropertyValues(XSUAA, "btp.security.mode=mock", "KUBERNETES_SERVICE_HOST=10.0.0.1")
			.run(refused("Mock users cannot be enabled in production", "KUBERNETES_SERVICE_HOST"));
	}

	@Test
	void explicitlyEnabledMockUsersInProductionRefuseToStart() {
		this.runner.withPropertyValues(XSUAA, "btp.security.mock.enabled=true", "VCAP_APPLICATION={}")
			.run(refused("Mock users cannot be enabled in production", "VCAP_APPLICATION"));
	}

	@Test
	void jwtModeWithoutBindingRefusesToStart() {
		this.runner.withPropertyValues("btp.security.mode=jwt").run(refused("btp.security.mode=jwt", "Bind"));
	}

	@Test
	void mockModeWinsOverBindingOutsideProduction() {
		this.runner.withPropertyValues(XSUAA, "btp.security.mode=mock").run(mockMode());
	}

	@Test
	void disabledMockUsersWithoutBindingRefuseToStart() {
		this.runner.withPropertyValues("btp.security.mock.enabled=false")
			.run(refused("mock users are disabled", "Bind"));
	}

	@Test
	void disabledSecurityInstallsNothingOfOurs() {
		this.runner.withPropertyValues("btp.security.enabled=false", "VCAP_APPLICATION={}").run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context).doesNotHaveBean("btpSecurityFilterChain");
			assertThat(context).doesNotHaveBean(MockUsers.class);
			assertThat(context).doesNotHaveBean(BtpJwtDecoder.class);
			// Spring Boot's own default chain takes over again.
			assertThat(context).hasSingleBean(SecurityFilterChain.class);
		});
	}

	@Test
	void mockUsersBindFromMapAndListAndAreAnnouncedWithoutPasswords(CapturedOutput output) {
		this.runner
			.withPropertyValues("btp.security.mock.users.viewer.password=v13wer-pass",
					"btp.security.mock.users.viewer.roles=Viewer", "btp.security.mock.users.viewer.tenant=t1")
			.run((context) -> {
				MockUsers users = context.getBean(MockUsers.class);
				assertThat(users.users()).extracting(BtpUser::name)
					.containsExactly("authenticated", "system", "viewer");
				assertThat(users.find("system").get().roles()).containsExactly("system-user");
				assertThat(users.find("viewer").get().tenant()).isEqualTo("t1");
			});
		this.runner
			.withPropertyValues("btp.security.mock.default-users=false", "btp.security.mock.users[0].name=admin",
					"btp.security.mock.users[0].password=adm1n-pass", "btp.security.mock.users[0].roles=Admin,Viewer")
			.run((context) -> assertThat(context.getBean(MockUsers.class).users()).singleElement()
				.satisfies((user) -> assertThat(user.roles()).containsExactlyInAnyOrder("Admin", "Viewer")));
		assertThat(output).contains("MOCK USERS ARE ACTIVE", "must never be used in production",
				"viewer roles=[Viewer] tenant=t1", "admin roles=[Admin, Viewer]");
		assertThat(output).doesNotContain("v13wer-pass", "adm1n-pass", "Using generated security password");
	}

	@Test
	void refusalNamesNoSecret(CapturedOutput output) {
		this.runner.withPropertyValues(XSUAA, "btp.security.mode=mock", "VCAP_APPLICATION={}", "debug=true")
			.run((context) -> assertThat(context).hasFailed());
		assertThat(output).doesNotContain("s3cr3t-xsuaa");
	}

	@Test
	void refusalIsExplainedByTheRegisteredFailureAnalyzer(CapturedOutput output) {
		SpringApplication application = new SpringApplicationBuilder(SecurityTestApplication.class)
			.properties("server.port=0", "server.address=127.0.0.1", "VCAP_APPLICATION={}")
			.build();
		assertThatExceptionOfType(RuntimeException.class).isThrownBy(application::run);
		assertThat(output).contains("APPLICATION FAILED TO START", "The application runs in production "
				+ "(VCAP_APPLICATION is set) but no xsuaa or identity service is bound", "Action:",
				"Bind an xsuaa or identity service instance");
	}

	private static ContextConsumer<AssertableWebApplicationContext> mockMode() {
		return (context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context).hasBean("btpSecurityFilterChain");
			assertThat(context).hasSingleBean(SecurityFilterChain.class);
			assertThat(context).hasSingleBean(MockUsers.class);
			assertThat(context).doesNotHaveBean(JwtDecoder.class);
			assertThat(context).doesNotHaveBean(UserDetailsService.class);
		};
	}

	private static ContextConsumer<AssertableWebApplicationContext> jwtMode() {
		return (context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context).hasSingleBean(SecurityFilterChain.class);
			assertThat(context).hasSingleBean(JwtDecoder.class);
			assertThat(context.getBean(JwtDecoder.class)).isInstanceOf(BtpJwtDecoder.class);
			assertThat(context).doesNotHaveBean(MockUsers.class);
			assertThat(context).doesNotHaveBean(UserDetailsService.class);
		};
	}

	private static ContextConsumer<AssertableWebApplicationContext> refused(String problem, String signal) {
		return (context) -> {
			assertThat(context).hasFailed();
			FailureAnalysis analysis = new SecurityModeFailureAnalyzer().analyze(context.getStartupFailure());
			assertThat(analysis).isNotNull();
			assertThat(analysis.getDescription() + " " + analysis.getAction()).contains(problem).contains(signal);
			for (String sentence : analysis.getDescription().split("(?<=[.;])\\s+")) {
				assertThat(analysis.getAction()).as("the Action repeats the Description").doesNotContain(sentence);
			}
		};
	}

}
