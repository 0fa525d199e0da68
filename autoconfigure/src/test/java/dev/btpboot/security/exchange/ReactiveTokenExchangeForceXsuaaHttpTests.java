package dev.btpboot.security.exchange;

import org.junit.jupiter.api.AfterAll;

import dev.btpboot.security.reactive.ReactiveTestApplication;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** force-xsuaa through Reactor Netty. */
@SpringBootTest(classes = ReactiveTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.main.web-application-type=reactive", "server.address=127.0.0.1",
				"btp.security.token-exchange=force-xsuaa", "logging.level.dev.btpboot=DEBUG" })
class ReactiveTokenExchangeForceXsuaaHttpTests extends AbstractTokenExchangeForceXsuaaHttpTests {

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
