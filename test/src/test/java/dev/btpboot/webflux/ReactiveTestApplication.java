package dev.btpboot.webflux;

import reactor.core.publisher.Mono;

import dev.btpboot.security.BtpUser;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A user's WebFlux application: the starter and a controller, no {@code @EnableReactiveMethodSecurity}
 * (the starter turns it on). Its own package, beside the servlet {@code dev.btpboot.test.TestApplication}
 * rather than below it; the test module has Spring MVC too, so a {@code @SpringBootTest} sets
 * {@link #REACTIVE}.
 */
@SpringBootApplication
public class ReactiveTestApplication {

	/** Runs the application as WebFlux although Spring MVC is on the test class path too. */
	static final String REACTIVE = "spring.main.web-application-type=reactive";

	/** What a user's WebFlux controller looks like. */
	@RestController
	public static class ReactiveController {

		@GetMapping("/me")
		Mono<String> me(@AuthenticationPrincipal BtpUser user) {
			return Mono.just(user.name() + "|" + user.tenant() + "|" + user.roles().stream().sorted().toList() + "|"
					+ user.attributes());
		}

		@GetMapping("/viewer")
		@PreAuthorize("hasAuthority('Viewer')")
		Mono<String> viewer() {
			return Mono.just("viewer");
		}

	}

}
