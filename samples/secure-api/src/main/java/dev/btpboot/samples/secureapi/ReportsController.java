package dev.btpboot.samples.secureapi;

import java.util.List;
import java.util.Map;

import dev.btpboot.security.BtpUser;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Endpoints with three levels of access: any authenticated user, role {@code Viewer}, role
 * {@code Admin}. The roles are XSUAA scopes, IAS groups or mock roles alike.
 */
@RestController
@RequestMapping("/api")
class ReportsController {

	@GetMapping("/me")
	Me me(@AuthenticationPrincipal BtpUser user) {
		return Me.of(user);
	}

	@GetMapping("/reports")
	@PreAuthorize("hasAuthority('Viewer')")
	List<String> reports() {
		return List.of("revenue-2026-q3", "headcount-2026-q3");
	}

	@GetMapping("/admin/settings")
	@PreAuthorize("hasAuthority('Admin')")
	Map<String, Object> settings() {
		return Map.of("retentionDays", 30);
	}

	/** The current user as {@code /api/me} shows it: always these fields, in this order. */
	record Me(String name, String tenant, List<String> roles) {

		static Me of(BtpUser user) {
			return new Me(user.name(), String.valueOf(user.tenant()), user.roles().stream().sorted().toList());
		}

	}

}
