package dev.btpboot.samples.saasapi;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.btpboot.security.BtpUser;

import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.client.RestClient;
import org.springframework.web.server.ResponseStatusException;

/** What a subscriber's users see: who they are, and the items of their own backend. */
@RestController
@RequestMapping("/api")
class TenantController {

	private final Backend backend;

	TenantController(Backend backend) {
		this.backend = backend;
	}

	@GetMapping("/me")
	Map<String, Object> me(@AuthenticationPrincipal BtpUser user) {
		Map<String, Object> me = new LinkedHashMap<>();
		me.put("name", user.name());
		me.put("tenant", user.tenant());
		me.put("subdomain", user.subdomain());
		me.put("roles", user.roles());
		return me;
	}

	/** The items of the backend the current tenant's destination {@code backend} names. */
	@GetMapping("/items")
	@PreAuthorize("hasAuthority('Viewer')")
	String items() {
		RestClient client = this.backend.client()
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.SERVICE_UNAVAILABLE, "no destination service is bound"));
		return client.get().uri("/items").retrieve().body(String.class);
	}

}
