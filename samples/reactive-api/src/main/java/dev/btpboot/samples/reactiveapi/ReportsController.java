package dev.btpboot.samples.reactiveapi;

import java.util.List;
import java.util.Map;

import reactor.core.publisher.Mono;

import dev.btpboot.security.BtpUser;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Endpoints with three levels of access: any authenticated user, role {@code Viewer}, role
 * {@code Admin}. The roles are XSUAA scopes, IAS groups or mock roles alike. Reactive method
 * security needs the methods to return a {@code Mono} or {@code Flux}.
 */
@RestController
@RequestMapping("/api")
class ReportsController {

	@GetMapping("/me")
	Mono<Me> me(@AuthenticationPrincipal BtpUser user) {
		return Mono.just(Me.of(user));
	}

	@GetMapping("/reports")
	@PreAuthorize("hasAuthority('Viewer')")
	Mono<List<String>> reports() {
		return Mono.just(List.of("revenue-2026-q3", "headcount-2026-q3"));
	}

	@GetMapping("/admin/settings")
	@PreAuthorize("hasAuthority('Admin')")
	Mono<Map<String, Object>> settings() {
		return Mono.just(Map.of("retentionDays", 30));
	}

	/** The current user as {@code /api/me} shows it: always these fields, in this order. */
	record Me(String name, String tenant, List<String> roles) {

		static Me of(BtpUser user) {
			return new Me(user.name(), String.valueOf(user.tenant()), user.roles().stream().sorted().toList());
		}

	}

}
