package dev.btpboot.test;

import dev.btpboot.security.BtpUser;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** A user's application: the starter, method security, and a controller. */
@SpringBootApplication
@EnableMethodSecurity
public class TestApplication {

	/** What a user's controller looks like. */
	@RestController
	public static class TestController {

		@GetMapping("/me")
		String me(@AuthenticationPrincipal Object principal) {
			return (principal instanceof BtpUser user)
					? user.name() + "|" + user.tenant() + "|" + user.roles().stream().sorted().toList()
							+ "|" + user.attributes()
					: "other:" + principal.getClass().getSimpleName();
		}

		@GetMapping("/viewer")
		@PreAuthorize("hasAuthority('Viewer')")
		String viewer() {
			return "viewer";
		}

	}

}
