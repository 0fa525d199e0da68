package dev.btpboot.security.jwt;

import java.net.http.HttpResponse;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import dev.btpboot.security.SecurityTestApplication;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static dev.btpboot.security.HttpClients.bearer;
import static dev.btpboot.security.HttpClients.get;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Extension by type, as with Spring Boot's resource server, through embedded Tomcat with XSUAA and
 * IAS bound: an application's {@code OAuth2TokenValidator<Jwt>} joins every issuer's checks, its
 * {@code Converter<Jwt, ? extends AbstractAuthenticationToken>} makes the authentication, its
 * {@code JwtDecoder} replaces the starter's.
 */
class JwtExtensionPointsHttpTests {

	static final JwtFixture fixture = new JwtFixture().start();

	@AfterAll
	static void stop() {
		fixture.server.stop();
	}

	@DynamicPropertySource
	static void bindings(DynamicPropertyRegistry registry) {
		registry.add("VCAP_SERVICES", () -> fixture.vcapServices(true, true));
	}

	@Nested
	@SpringBootTest(classes = SecurityTestApplication.class,
			webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
	@Import(BlockedClaimValidator.class)
	class ApplicationValidator {

		@LocalServerPort
		int port;

		@Test
		void aValidatorBeanOfTheApplicationRefusesTokensOfEveryIssuer() {
			String xsuaa = JwtFixture.sign(fixture.xsuaaKey, fixture.xsuaaClaims().claim("blocked", true).build());
			String ias = JwtFixture.sign(fixture.iasKey, fixture.iasClaims().claim("blocked", true).build());
			for (String token : List.of(xsuaa, ias)) {
				HttpResponse<String> response = get(this.port, "/me", "Authorization", bearer(token));
				assertThat(response.statusCode()).isEqualTo(401);
				assertThat(response.headers().firstValue("WWW-Authenticate")).get()
					.asString()
					.contains("The token is blocked by the application");
			}
		}

		@Test
		void tokensTheValidatorAcceptsPassAsBefore() {
			String xsuaa = JwtFixture.sign(fixture.xsuaaKey, fixture.xsuaaClaims().build());
			assertThat(get(this.port, "/me", "Authorization", bearer(xsuaa)).body()).isEqualTo("alice|tenant-1|[Viewer]");
			String ias = JwtFixture.sign(fixture.iasKey, fixture.iasClaims().claim("blocked", false).build());
			assertThat(get(this.port, "/me", "Authorization", bearer(ias)).statusCode()).isEqualTo(200);
		}

	}

	@TestConfiguration(proxyBeanMethods = false)
	static class BlockedClaimValidator {

		@Bean
		OAuth2TokenValidator<Jwt> blockedClaimValidator() {
			return (jwt) -> Boolean.TRUE.equals(jwt.getClaims().get("blocked"))
					? OAuth2TokenValidatorResult
						.failure(new OAuth2Error("invalid_token", "The token is blocked by the application", null))
					: OAuth2TokenValidatorResult.success();
		}

	}

	@Nested
	@SpringBootTest(classes = SecurityTestApplication.class,
			webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
	@Import(ApplicationConverter.Configuration.class)
	class ApplicationConverter {

		@LocalServerPort
		int port;

		@Test
		void theApplicationsConverterMakesTheAuthenticationTheControllerSees() {
			// The token has scope Viewer, which the starter's converter would make an authority.
			String token = JwtFixture.sign(fixture.xsuaaKey, fixture.xsuaaClaims().build());
			for (int i = 0; i < 2; i++) { // the second time from the verified-token memory
				assertThat(get(this.port, "/me/principal", "Authorization", bearer(token)).body())
					.isEqualTo("app:alice");
				assertThat(get(this.port, "/me", "Authorization", bearer(token)).body())
					.isEqualTo("app:alice|null|[Auditor]");
				assertThat(get(this.port, "/viewer", "Authorization", bearer(token)).statusCode()).isEqualTo(403);
			}
		}

		@TestConfiguration(proxyBeanMethods = false)
		static class Configuration {

			@Bean
			Converter<Jwt, JwtAuthenticationToken> applicationConverter() {
				return (jwt) -> new JwtAuthenticationToken(jwt, List.of(new SimpleGrantedAuthority("Auditor")),
						"app:" + jwt.getClaimAsString("user_name"));
			}

		}

	}

	@Nested
	@SpringBootTest(classes = SecurityTestApplication.class,
			webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
	@Import(ApplicationDecoder.Configuration.class)
	class ApplicationDecoder {

		@LocalServerPort
		int port;

		@Autowired
		List<JwtDecoder> decoders;

		@Test
		void theApplicationsDecoderReplacesTheStartersAndTheStartersConverterStillMapsTheUser() throws Exception {
			assertThat(this.decoders).singleElement().isNotInstanceOf(BtpJwtDecoder.class);
			// The application's decoder checks no audience: a token for another application passes.
			String otherAudience = JwtFixture.sign(fixture.xsuaaKey,
					fixture.xsuaaClaims().audience("other-app").claim("azp", "other-app").build());
			assertThat(get(this.port, "/me", "Authorization", bearer(otherAudience)).body())
				.isEqualTo("alice|tenant-1|[Viewer]");
			HttpResponse<String> padded = get(this.port, "/me", "Authorization", bearer(otherAudience + "="));
			assertThat(padded.statusCode()).as("only the canonical spelling").isEqualTo(401);
			assertThat(padded.headers().firstValue("WWW-Authenticate")).get().asString().contains("The token is malformed");
			String ias = JwtFixture.sign(fixture.iasKey, fixture.iasClaims().build());
			assertThat(get(this.port, "/me", "Authorization", bearer(ias)).statusCode())
				.as("the application's decoder knows only the XSUAA key")
				.isEqualTo(401);
		}

		@TestConfiguration(proxyBeanMethods = false)
		static class Configuration {

			@Bean
			JwtDecoder applicationDecoder() throws Exception {
				return NimbusJwtDecoder.withPublicKey(fixture.xsuaaKey.toRSAPublicKey()).build();
			}

		}

	}

}
