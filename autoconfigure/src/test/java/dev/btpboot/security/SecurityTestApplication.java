package dev.btpboot.security;

import java.security.Principal;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.annotation.Order;
import org.springframework.security.access.annotation.Secured;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** An application with the starter and a user's own chain for /custom/** at order 1. */
@SpringBootConfiguration
// The data feature puts JDBC on the test class path; this application has no database.
@EnableAutoConfiguration(excludeName = "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration")
@EnableMethodSecurity
public class SecurityTestApplication {

	@Bean
	@Order(1)
	SecurityFilterChain customChain(HttpSecurity http) throws Exception {
		return http.securityMatcher("/custom/**")
			.authorizeHttpRequests((requests) -> requests.anyRequest().permitAll())
			.build();
	}

	/** Registered as a member class of this configuration. */
	@RestController
	static class TestController {

		@GetMapping("/me")
		String me(@AuthenticationPrincipal BtpUser user) {
			return user.name() + "|" + user.tenant() + "|" + user.roles().stream().sorted().toList();
		}

		@GetMapping("/me/current")
		String current() {
			return BtpUser.current().map(BtpUser::name).orElse("none");
		}

		@GetMapping("/me/principal")
		String principal(Principal principal) {
			return principal.getName();
		}

		@GetMapping("/viewer")
		@PreAuthorize("hasAuthority('Viewer')")
		String viewer() {
			return "viewer";
		}

		/** The client address as the application sees it, after any forwarded-header processing. */
		@GetMapping("/client")
		String client(HttpServletRequest request) {
			return request.getRemoteAddr();
		}

		/** Not enforced: this application's own @EnableMethodSecurity leaves @Secured off. */
		@GetMapping("/secured")
		@Secured("Admin")
		String secured() {
			return "secured";
		}

		@GetMapping("/public/ping")
		String ping() {
			return "pong";
		}

		@GetMapping("/custom/open")
		String custom() {
			return "custom";
		}

	}

}
