package dev.btpboot.security.jwt;

import org.junit.jupiter.api.AfterAll;

import dev.btpboot.security.SecurityTestApplication;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Protected resource metadata switched on, through embedded Tomcat. */
@SpringBootTest(classes = SecurityTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "btp.security.protected-resource-metadata.enabled=true",
				AbstractProtectedResourceMetadataHttpTests.VCAP_APPLICATION })
class ProtectedResourceMetadataHttpTests extends AbstractProtectedResourceMetadataHttpTests {

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
