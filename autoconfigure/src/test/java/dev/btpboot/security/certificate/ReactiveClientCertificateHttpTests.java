package dev.btpboot.security.certificate;

import org.junit.jupiter.api.AfterAll;

import dev.btpboot.security.jwt.JwtFixture;
import dev.btpboot.security.reactive.ReactiveTestApplication;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Client certificates in JWT mode through Reactor Netty. */
@SpringBootTest(classes = { ReactiveTestApplication.class, AbstractClientCertificateHttpTests.TechnicalController.class },
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.main.web-application-type=reactive", "server.address=127.0.0.1" })
class ReactiveClientCertificateHttpTests extends AbstractClientCertificateHttpTests {

	static final JwtFixture fixture = new JwtFixture().start();

	@DynamicPropertySource
	static void configuration(DynamicPropertyRegistry registry) {
		registry.add("VCAP_SERVICES", () -> fixture.vcapServices(true, true));
		entries(registry);
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
