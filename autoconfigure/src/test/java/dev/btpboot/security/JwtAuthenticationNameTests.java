package dev.btpboot.security;

import java.net.http.HttpResponse;

import com.nimbusds.jwt.JWTClaimsSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import dev.btpboot.security.jwt.JwtFixture;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static dev.btpboot.security.HttpClients.bearer;
import static dev.btpboot.security.HttpClients.get;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * In JWT mode the authentication is named after the user ({@link BtpUser#name()}), not after the
 * raw {@code sub} claim: a GUID in real XSUAA user tokens, absent in tokens of SAP's own generator.
 */
@SpringBootTest(classes = SecurityTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "server.address=127.0.0.1")
class JwtAuthenticationNameTests {

	static final JwtFixture fixture = new JwtFixture().start();

	@LocalServerPort
	int port;

	@DynamicPropertySource
	static void bindings(DynamicPropertyRegistry registry) {
		registry.add("VCAP_SERVICES", () -> fixture.vcapServices(true, true));
	}

	@AfterAll
	static void stop() {
		fixture.server.stop();
	}

	@Test
	void anXsuaaUserTokenIsNamedAfterTheUserNotTheSubjectGuid() {
		assertNamed(JwtFixture.sign(fixture.xsuaaKey,
				fixture.xsuaaClaims().subject("8f3b2c1e-5d4a-4b6f-9e2d-7c1a0b3e4f5d").build()), "alice");
	}

	@Test
	void anXsuaaTokenWithoutSubjectIsNamedAfterTheUser() {
		assertNamed(JwtFixture.sign(fixture.xsuaaKey, fixture.xsuaaClaims().build()), "alice");
	}

	@Test
	void anIasTokenIsNamedAfterTheUser() {
		JWTClaimsSet claims = fixture.iasClaims().build();
		String expected = get(this.port, "/me", "Authorization", bearer(JwtFixture.sign(fixture.iasKey, claims)))
			.body()
			.split("\\|")[0];
		assertThat(expected).isNotEqualTo(claims.getSubject());
		assertNamed(JwtFixture.sign(fixture.iasKey, claims), expected);
	}

	private void assertNamed(String token, String name) {
		HttpResponse<String> principal = get(this.port, "/me/principal", "Authorization", bearer(token));
		assertThat(principal.statusCode()).isEqualTo(200);
		assertThat(principal.body()).isEqualTo(name);
		assertThat(get(this.port, "/me/current", "Authorization", bearer(token)).body()).isEqualTo(name);
	}

}
