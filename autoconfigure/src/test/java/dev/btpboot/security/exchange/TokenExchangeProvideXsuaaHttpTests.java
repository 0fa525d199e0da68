package dev.btpboot.security.exchange;

import org.junit.jupiter.api.AfterAll;

import dev.btpboot.security.SecurityTestApplication;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** provide-xsuaa through embedded Tomcat. */
@SpringBootTest(classes = { SecurityTestApplication.class, AbstractTokenExchangeProvideXsuaaHttpTests.ExchangedTokenController.class },
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "btp.security.token-exchange=provide-xsuaa" })
class TokenExchangeProvideXsuaaHttpTests extends AbstractTokenExchangeProvideXsuaaHttpTests {

	static final TokenExchangeFixture fixture = new TokenExchangeFixture();

	@DynamicPropertySource
	static void bindings(DynamicPropertyRegistry registry) {
		registry.add("VCAP_SERVICES", () -> fixture.jwt.vcapServices(true, true));
	}

	@AfterAll
	static void stop() {
		fixture.jwt.server.stop();
	}

	@Override
	TokenExchangeFixture fixture() {
		return fixture;
	}

}
