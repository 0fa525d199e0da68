package dev.btpboot.security;

import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.MapReactiveUserDetailsService;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import static dev.btpboot.security.HttpClients.basic;
import static org.springframework.security.test.web.reactive.server.SecurityMockServerConfigurers.mockAuthentication;
import static org.springframework.security.test.web.reactive.server.SecurityMockServerConfigurers.mockUser;
import static org.springframework.security.test.web.reactive.server.SecurityMockServerConfigurers.springSecurity;

/**
 * {@code @AuthenticationPrincipal BtpUser} in a WebFlux application with Spring Security's own
 * {@code @EnableWebFluxSecurity}: any authentication is a {@code BtpUser} (name, authorities as
 * roles, no tenant), although Spring Security registers its own resolver for the annotation.
 */
@SpringBootTest(classes = BtpUserInWebFluxTests.ReactiveApplication.class,
		properties = "spring.main.web-application-type=reactive")
class BtpUserInWebFluxTests {

	@Autowired
	ApplicationContext context;

	WebTestClient client;

	@BeforeEach
	void bindClient() {
		this.client = WebTestClient.bindToApplicationContext(this.context).apply(springSecurity()).configureClient().build();
	}

	@Test
	@WithMockUser(username = "alice", authorities = { "Viewer", "Admin" })
	void withMockUserIsABtpUser() {
		this.client.get().uri("/me").exchange().expectStatus().isOk().expectBody(String.class)
			.isEqualTo("alice|null|[Admin, Viewer]");
	}

	@Test
	@WithMockUser(username = "alice", roles = "Viewer")
	void withMockUserRolesAreItsAuthorities() {
		this.client.get().uri("/me").exchange().expectBody(String.class).isEqualTo("alice|null|[ROLE_Viewer]");
	}

	@Test
	void mockUserIsABtpUser() {
		this.client.mutateWith(mockUser("bob").authorities(new SimpleGrantedAuthority("Viewer")))
			.get().uri("/me").exchange().expectStatus().isOk().expectBody(String.class)
			.isEqualTo("bob|null|[Viewer]");
	}

	@Test
	void anyAuthenticationIsABtpUser() {
		this.client.mutateWith(mockAuthentication(new TestingAuthenticationToken("dave", null, "Auditor", "Viewer")))
			.get().uri("/me").exchange().expectStatus().isOk().expectBody(String.class)
			.isEqualTo("dave|null|[Auditor, Viewer]");
	}

	@Test
	void aBtpUserPrincipalStaysItselfWithItsTenant() {
		BtpUser erin = new BtpUser("erin", "t1", "sub1", Set.of("Viewer"), null, null, null);
		this.client.mutateWith(mockAuthentication(new TestingAuthenticationToken(erin, null, "Viewer")))
			.get().uri("/me").exchange().expectStatus().isOk().expectBody(String.class)
			.isEqualTo("erin|t1|[Viewer]");
	}

	@Test
	void aUserOfTheFilterChainIsABtpUser() {
		this.client.get().uri("/me").header("Authorization", basic("carol", "carol-pass")).exchange()
			.expectStatus().isOk().expectBody(String.class).isEqualTo("carol|null|[Auditor]");
	}

	@Test
	void anAnonymousRequestHasNoBtpUser() {
		this.client.get().uri("/anonymous").exchange().expectStatus().isOk().expectBody(String.class)
			.isEqualTo("no user");
	}

	@Test
	@WithMockUser(username = "alice")
	void anExpressionIsLeftToSpringSecurity() {
		this.client.get().uri("/me/username").exchange().expectStatus().isOk().expectBody(String.class)
			.isEqualTo("alice");
	}

	@Configuration(proxyBeanMethods = false)
	// The data feature puts JDBC on the test class path; this application has no database.
	@EnableAutoConfiguration(excludeName = "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration")
	@Import(MeController.class)
	static class ReactiveApplication {

		@Bean
		SecurityWebFilterChain testSecurity(ServerHttpSecurity http) {
			return http.authorizeExchange((exchanges) -> exchanges.pathMatchers("/anonymous")
				.permitAll()
				.anyExchange()
				.authenticated()).httpBasic((basic) -> {
				}).build();
		}

		@Bean
		MapReactiveUserDetailsService testUsers() {
			return new MapReactiveUserDetailsService(
					User.withUsername("carol").password("{noop}carol-pass").authorities("Auditor").build());
		}

	}

	@RestController
	static class MeController {

		@GetMapping("/me")
		Mono<String> me(@AuthenticationPrincipal BtpUser user) {
			return Mono.just(user.name() + "|" + user.tenant() + "|" + user.roles().stream().sorted().toList());
		}

		@GetMapping("/anonymous")
		String anonymous(@AuthenticationPrincipal BtpUser user) {
			return (user != null) ? user.name() : "no user";
		}

		@GetMapping("/me/username")
		String username(@AuthenticationPrincipal(expression = "username") String username) {
			return username;
		}

	}

}
