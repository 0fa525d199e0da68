package dev.btpboot.token;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Health contributor {@code btpTokens}: DOWN while a service cannot obtain any valid token (its
 * last request failed and no usable token is cached), with the OAuth error in the details. A
 * service that serves a cached token while renewal fails stays UP.
 */
final class TokensHealthIndicator implements HealthIndicator {

	private final TokenProviderFactory factory;

	TokensHealthIndicator(TokenProviderFactory factory) {
		this.factory = factory;
	}

	@Override
	public Health health() {
		boolean down = false;
		Map<String, Object> services = new LinkedHashMap<>();
		for (TokenCache cache : this.factory.caches()) {
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
				if (failure.getErrorDescription() != null) {
					detail.put("errorDescription", failure.getErrorDescription());
				}
			}
			services.put(cache.service(), detail);
		}
		return (down ? Health.down() : Health.up()).withDetails(services).build();
	}

}
