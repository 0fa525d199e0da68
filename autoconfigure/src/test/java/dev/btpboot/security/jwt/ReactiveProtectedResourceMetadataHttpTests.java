package dev.btpboot.security.jwt;

import org.junit.jupiter.api.AfterAll;

import dev.btpboot.security.reactive.ReactiveTestApplication;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Protected resource metadata switched on, through Reactor Netty. */
@SpringBootTest(classes = ReactiveTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.main.web-application-type=reactive", "server.address=127.0.0.1",
				"btp.security.protected-resource-metadata.enabled=true",
				AbstractProtectedResourceMetadataHttpTests.VCAP_APPLICATION })
class ReactiveProtectedResourceMetadataHttpTests extends AbstractProtectedResourceMetadataHttpTests {

	static final JwtFixture fixture = new JwtFixture().start();

	@DynamicPropertySource
	static void bindings(DynamicPropertyRegistry registry) {
		registry.add("VCAP_SERVICES", () -> fixture.vcapServices(true, true));
	}

	@AfterAll
	static void stop() {
		fixture.server.stop();
	}

	@Override
	JwtFixture fixture() {
		return fixture;
	}

}
