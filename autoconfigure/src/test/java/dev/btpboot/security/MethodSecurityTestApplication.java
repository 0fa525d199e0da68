package dev.btpboot.security;

import jakarta.annotation.security.RolesAllowed;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.security.access.annotation.Secured;
import org.springframework.security.access.prepost.PostAuthorize;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** An application as the README shows it: method security annotations, no {@code @EnableMethodSecurity}. */
@SpringBootConfiguration
// The data feature puts JDBC on the test class path; this application has no database.
@EnableAutoConfiguration(excludeName = "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration")
public class MethodSecurityTestApplication {

	/** Registered as a member class of this configuration. */
	@RestController
	static class AdminController {

		@GetMapping("/admin/pre")
		@PreAuthorize("hasAuthority('Admin')")
		String pre() {
			return "pre";
		}

		@GetMapping("/admin/post")
		@PostAuthorize("hasAuthority('Admin')")
		String post() {
			return "post";
		}

		@GetMapping("/admin/secured")
		@Secured("Admin")
		String secured() {
			return "secured";
		}

		@GetMapping("/admin/jsr250")
		@RolesAllowed("Admin")
		String jsr250() {
			return "jsr250";
		}

	}

}
