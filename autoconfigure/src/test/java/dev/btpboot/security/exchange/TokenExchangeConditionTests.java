package dev.btpboot.security.exchange;

import dev.btpboot.binding.BindingsAutoConfiguration;
import dev.btpboot.security.exchange.servlet.TokenExchangeAutoConfiguration;
import dev.btpboot.security.jwt.JwtFixture;
import dev.btpboot.security.jwt.servlet.JwtSecurityAutoConfiguration;
import dev.btpboot.security.servlet.BtpSecurityAutoConfiguration;
import dev.btpboot.token.TokenAutoConfiguration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/** The exchange is active only when it is switched on and both xsuaa and identity are bound. */
class TokenExchangeConditionTests {

	static final JwtFixture fixture = new JwtFixture().start();

	private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(BindingsAutoConfiguration.class, TokenAutoConfiguration.class,
				BtpSecurityAutoConfiguration.class, JwtSecurityAutoConfiguration.class,
				TokenExchangeAutoConfiguration.class, SecurityAutoConfiguration.class,
				ServletWebSecurityAutoConfiguration.class));

	@AfterAll
	static void stop() {
		fixture.server.stop();
	}

	@Test
	void withBothBindingsAndProvideXsuaaTheExchangeJoinsTheChain() {
		this.runner.withPropertyValues("btp.security.token-exchange=provide-xsuaa")
			.withPropertyValues("VCAP_SERVICES=" + fixture.vcapServices(true, true))
			.run((context) -> assertThat(context).hasNotFailed().hasBean("btpTokenExchange"));
	}

	@Test
	void disabledByDefault() {
		this.runner.withPropertyValues("VCAP_SERVICES=" + fixture.vcapServices(true, true))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean("btpTokenExchange"));
	}

	@Test
	void inactiveWithoutAnXsuaaOrWithoutAnIdentityBinding() {
		for (String vcap : new String[] { fixture.vcapServices(false, true), fixture.vcapServices(true, false) }) {
			this.runner.withPropertyValues("btp.security.token-exchange=force-xsuaa")
				.withPropertyValues("VCAP_SERVICES=" + vcap)
				.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean("btpTokenExchange"));
		}
	}

}
