package dev.btpboot.test.security;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.RouterFunctions;
import org.springframework.web.servlet.function.ServerResponse;

import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatNoException;

class BtpSecurityAssertionsTests {

	@Test
	void anEndpointThatAUserChainOpensByAccidentFailsTheAssertionByName() {
		try (ConfigurableApplicationContext context = start(Application.class, AccidentallyOpenChain.class)) {
			assertThatExceptionOfType(AssertionError.class)
				.isThrownBy(() -> BtpSecurityAssertions.assertNoOpenEndpoints(context))
				.withMessageContaining("GET /open/1 answered 200 (mapped as /open/{id} by " + Endpoints.class.getName()
						+ "#open")
				.withMessageContaining("POST /open/1 answered 200")
				.withMessageContaining("GET /open/routes/1 answered 200 (mapped as /open/routes/{name} by router function")
				.withMessageNotContaining("/reports")
				.withMessageNotContaining("/public");
		}
	}

	@Test
	void pathsThatAFilterServesToAnyoneFailTheAssertionByName() {
		try (ConfigurableApplicationContext context = start(Application.class, FilterServedChain.class)) {
			assertThatExceptionOfType(AssertionError.class)
				.isThrownBy(() -> BtpSecurityAssertions.assertNoOpenEndpoints(context))
				.withMessageContaining("GET /.well-known/oauth-protected-resource answered 200 (served by a filter, "
						+ "not a handler)")
				.withMessageContaining("GET /login answered 200 (served by a filter, not a handler)")
				.withMessageNotContaining("/logout")
				.withMessageNotContaining("/oauth2/jwks");
		}
	}

	@Test
	void theProtectedResourceMetadataIsOpenByIntentWhenTheStarterIsAskedToServeIt() {
		try (ConfigurableApplicationContext context = start(new Class<?>[] { Application.class, FilterServedChain.class },
				"btp.security.protected-resource-metadata.enabled=true")) {
			assertThatExceptionOfType(AssertionError.class)
				.isThrownBy(() -> BtpSecurityAssertions.assertNoOpenEndpoints(context))
				.withMessageContaining("GET /login answered 200")
				.withMessageNotContaining("oauth-protected-resource");
		}
	}

	@Test
	void anApplicationWithOnlyTheStartersChainPassesAndItsPublicPathsStayOpen() {
		try (ConfigurableApplicationContext context = start(Application.class)) {
			assertThatNoException().isThrownBy(() -> BtpSecurityAssertions.assertNoOpenEndpoints(context));
		}
	}

	@Test
	void withoutARunningServerItSaysWhatItNeeds() {
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(Application.class)
			.properties("spring.main.web-application-type=none")
			.run()) {
			assertThatExceptionOfType(IllegalStateException.class)
				.isThrownBy(() -> BtpSecurityAssertions.assertNoOpenEndpoints(context))
				.withMessageContaining("webEnvironment = WebEnvironment.RANDOM_PORT");
		}
	}

	private static ConfigurableApplicationContext start(Class<?>... sources) {
		return start(sources, new String[0]);
	}

	private static ConfigurableApplicationContext start(Class<?>[] sources, String... properties) {
		return new SpringApplicationBuilder(sources)
			.properties("server.port=0", "server.address=127.0.0.1", "btp.security.public-paths=/public/**")
			.properties(properties)
			.run();
	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	@Import(Endpoints.class)
	static class Application {

		@Bean
		RouterFunction<ServerResponse> routes() {
			return RouterFunctions.route()
				.GET("/open/routes/{name}", (request) -> ServerResponse.ok().body("routed"))
				.GET("/reports/routes/{name}", (request) -> ServerResponse.ok().body("routed"))
				.build();
		}

	}

	/** A user's chain meant for something else that lets a whole path through. */
	@Configuration(proxyBeanMethods = false)
	static class AccidentallyOpenChain {

		@Bean
		@Order(1)
		SecurityFilterChain openByAccident(HttpSecurity http) throws Exception {
			http.securityMatcher("/open/**")
				.csrf((csrf) -> csrf.disable())
				.authorizeHttpRequests((requests) -> requests.anyRequest().permitAll());
			return http.build();
		}

	}

	/**
	 * A user's chain for a resource server and a login page, whose filters answer the metadata and
	 * the login page themselves.
	 */
	@Configuration(proxyBeanMethods = false)
	static class FilterServedChain {

		@Bean
		@Order(1)
		SecurityFilterChain filterServed(HttpSecurity http) throws Exception {
			http.securityMatcher("/.well-known/**", "/login")
				.authorizeHttpRequests((requests) -> requests.anyRequest().authenticated())
				.formLogin(Customizer.withDefaults())
				.oauth2ResourceServer((resourceServer) -> resourceServer.jwt((jwt) -> jwt.decoder((token) -> {
					throw new BadJwtException("no token is valid here");
				})));
			return http.build();
		}

	}

	@RestController
	@RequestMapping
	static class Endpoints {

		@GetMapping("/open/{id}")
		String open(@PathVariable String id) {
			return id;
		}

		@PostMapping("/open/{id}")
		String change(@PathVariable String id) {
			return id;
		}

		@GetMapping("/reports/{id}")
		String report(@PathVariable String id) {
			return id;
		}

		@GetMapping("/public/info")
		String info() {
			return "public";
		}

	}

}
