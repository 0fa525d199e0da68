package dev.btpboot.security.reactive;

import reactor.core.publisher.Mono;

import dev.btpboot.security.BtpUser;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.annotation.Order;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.util.matcher.PathPatternParserServerWebExchangeMatcher;
import org.springframework.stereotype.Service;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * A WebFlux application with the starter, method security left to it, and a user's own chain for
 * {@code /custom/**} at order 1. Tests run it with {@code spring.main.web-application-type=reactive}
 * on Reactor Netty.
 */
@SpringBootConfiguration
// The data feature puts JDBC on the test class path; this application has no database.
@EnableAutoConfiguration(excludeName = "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration")
@Import({ ReactiveTestApplication.TestController.class, ReactiveTestApplication.Greetings.class })
public class ReactiveTestApplication {

	@Bean
	@Order(1)
	SecurityWebFilterChain customChain(ServerHttpSecurity http) {
		return http.securityMatcher(new PathPatternParserServerWebExchangeMatcher("/custom/**"))
			.authorizeExchange((exchanges) -> exchanges.anyExchange().permitAll())
			.build();
	}

	/** Reactive method security without {@code @EnableReactiveMethodSecurity} in the application. */
	@Service
	public static class Greetings {

		@PreAuthorize("hasAuthority('Viewer')")
		public Mono<String> forViewers() {
			return Mono.just("viewer");
		}

	}

	@RestController
	static class TestController {

		private final Greetings greetings;

		private final WebClient onPremise;

		TestController(Greetings greetings, WebClient.Builder webClients,
				@Value("${test.on-premise-url:http://erp.virtual:44300}") String onPremiseUrl) {
			this.greetings = greetings;
			this.onPremise = webClients.baseUrl(onPremiseUrl).build();
		}

		@GetMapping("/me")
		Mono<String> me(@AuthenticationPrincipal BtpUser user) {
			return Mono.just(user.name() + "|" + user.tenant() + "|" + user.roles().stream().sorted().toList());
		}

		/** Whether the security context of the Reactor context holds the very user of the argument. */
		@GetMapping("/me/context")
		Mono<String> context(@AuthenticationPrincipal BtpUser user) {
			return ReactiveSecurityContextHolder.getContext()
				.map((context) -> (context.getAuthentication().getPrincipal() == user) ? "same " + user.name()
						: "other");
		}

		@GetMapping("/viewer")
		Mono<String> viewer() {
			return this.greetings.forViewers();
		}

		/** The client address as the application sees it, after any forwarded-header processing. */
		@GetMapping("/client")
		String client(ServerHttpRequest request) {
			return request.getRemoteAddress().getHostString();
		}

		@GetMapping("/public/ping")
		String ping() {
			return "pong";
		}

		@GetMapping("/custom/open")
		String custom() {
			return "custom";
		}

		/** An on-premise system through the connectivity proxy, as the signed-in user. */
		@GetMapping("/on-premise/items")
		Mono<String> onPremiseItems() {
			return this.onPremise.get().uri("/sap/opu/odata/items").retrieve().bodyToMono(String.class);
		}

	}

}
