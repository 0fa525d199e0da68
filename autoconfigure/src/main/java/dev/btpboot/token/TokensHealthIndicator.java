package dev.btpboot.token;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Health contributor {@code btpTokens}: DOWN while a binding cannot obtain a token of its own (its
 * last client-credentials request failed and no client-credentials token is usable), with the
 * token endpoint, HTTP status and OAuth {@code error} code in the details. Never the server's
 * {@code error_description}: its text may be chosen by whoever sent the assertion. A binding that
 * serves a cached token while renewal fails stays UP, and a user's rejected jwt-bearer exchange
 * only counts in the metrics ({@code btp.token.requests}, outcome {@code rejected}).
 */
final class TokensHealthIndicator implements HealthIndicator {

	private final TokenCaches caches;

	TokensHealthIndicator(TokenCaches caches) {
		this.caches = caches;
	}

	@Override
	public Health health() {
		boolean down = false;
		Map<String, Object> services = new LinkedHashMap<>();
		for (TokenCache cache : this.caches.all()) {
			Map<String, Object> detail = new LinkedHashMap<>();
			detail.put("binding", cache.bindingName());
			TokenRequestException failure = cache.unavailable();
			detail.put("status", (failure != null) ? "DOWN" : "UP");
			if (failure != null) {
				down = true;
				detail.put("tokenEndpoint", String.valueOf(failure.getTokenEndpoint()));
				if (failure.getHttpStatus() > 0) {
					detail.put("httpStatus", failure.getHttpStatus());
				}
				if (failure.getError() != null) {
					detail.put("error", failure.getError());
				}
			}
			services.put(cache.service(), detail);
		}
		return (down ? Health.down() : Health.up()).withDetails(services).build();
	}

}
