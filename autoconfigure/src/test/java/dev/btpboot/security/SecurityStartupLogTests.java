package dev.btpboot.security;

import dev.btpboot.binding.BindingsAutoConfiguration;
import dev.btpboot.security.jwt.servlet.JwtSecurityAutoConfiguration;
import dev.btpboot.security.mock.servlet.MockUsersAutoConfiguration;
import dev.btpboot.security.servlet.BtpSecurityAutoConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/** One INFO line says which bindings were found, one which security mode was decided and why. */
@ExtendWith(OutputCaptureExtension.class)
class SecurityStartupLogTests {

	private static final String BOTH = "VCAP_SERVICES={\"xsuaa\":[{\"name\":\"app-uaa\",\"label\":\"xsuaa\",\"credentials\":{"
			+ "\"clientid\":\"sb-app!t1\",\"clientsecret\":\"s3cr3t-xsuaa\",\"url\":\"https://sub.authentication.example.com\","
			+ "\"uaadomain\":\"authentication.example.com\",\"xsappname\":\"app!t1\"}}],"
			+ "\"identity\":[{\"name\":\"app-ias\",\"label\":\"identity\",\"credentials\":{"
			+ "\"clientid\":\"ias-client\",\"clientsecret\":\"s3cr3t-ias\",\"url\":\"https://t.accounts.example.com\","
			+ "\"domains\":[\"accounts.example.com\"]}}]}";

	private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(BindingsAutoConfiguration.class, BtpSecurityAutoConfiguration.class,
				JwtSecurityAutoConfiguration.class, MockUsersAutoConfiguration.class, SecurityAutoConfiguration.class,
				ServletWebSecurityAutoConfiguration.class));

	@Test
	void jwtModeNamesTheBindingsThatDecidedIt(CapturedOutput output) {
		this.runner.withPropertyValues(BOTH).run((context) -> assertThat(context).hasNotFailed());
		assertThat(output).contains("Security mode JWT: xsuaa 'app-uaa', identity 'app-ias'")
			.contains("Service bindings: xsuaa 'app-uaa' from VCAP_SERVICES, identity 'app-ias' from VCAP_SERVICES")
			.doesNotContain("s3cr3t");
	}

	@Test
	void explicitJwtModeSaysSo(CapturedOutput output) {
		this.runner.withPropertyValues(BOTH, "btp.security.mode=jwt")
			.run((context) -> assertThat(context).hasNotFailed());
		assertThat(output).contains("Security mode JWT: btp.security.mode=jwt, xsuaa 'app-uaa', identity 'app-ias'");
	}

	@Test
	void mockUsersConfiguredInJwtModeAreNamedInOneWarningWithoutTheirPasswords(CapturedOutput output) {
		this.runner
			.withPropertyValues(BOTH, "spring.profiles.active=dev", "btp.security.mock.users.viewer.password=v13wer-pass",
					"btp.security.mock.users.admin.roles=Admin")
			.run((context) -> assertThat(context).hasNotFailed());
		assertThat(output.getOut().lines().filter((line) -> line.contains(" WARN ")
				&& line.contains("btp.security.mock.users configures 2 mock user(s) [admin, viewer], but the security "
						+ "mode is JWT: they answer no request. Is a development profile active (active: dev)?")))
			.hasSize(1);
		assertThat(output).doesNotContain("v13wer-pass");
	}

	@Test
	void jwtModeWithoutMockUsersWarnsOfNone(CapturedOutput output) {
		this.runner.withPropertyValues(BOTH).run((context) -> assertThat(context).hasNotFailed());
		assertThat(output).doesNotContain("btp.security.mock.users configures");
	}

	@Test
	void mockModeSaysWhy(CapturedOutput output) {
		this.runner.run((context) -> assertThat(context).hasNotFailed());
		assertThat(output).contains("Service bindings: none")
			.contains("Security mode MOCK: no xsuaa/identity binding, not production");
	}

	@Test
	void explicitMockModeSaysSo(CapturedOutput output) {
		this.runner.withPropertyValues(BOTH, "btp.security.mode=mock")
			.run((context) -> assertThat(context).hasNotFailed());
		assertThat(output).contains("Security mode MOCK: btp.security.mode=mock").doesNotContain("s3cr3t");
	}

}
