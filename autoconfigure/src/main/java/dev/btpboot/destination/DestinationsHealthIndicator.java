package dev.btpboot.destination;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.btpboot.token.TokenProvider;
import dev.btpboot.token.TokenRequestException;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Health contributor {@code btpDestinations}: UP when the Destination service answers a look-up
 * with a token of the binding for its own tenant. It asks for a destination name that should not
 * exist and reads nothing of an answer but its status: no destination content reaches the health
 * endpoint.
 */
final class DestinationsHealthIndicator implements HealthIndicator {

	static final String PROBE = "btp-health-probe";

	private final String bindingName;

	private final DestinationServiceClient client;

	private final TokenProvider tokens;

	DestinationsHealthIndicator(String bindingName, DestinationServiceClient client, TokenProvider tokens) {
		this.bindingName = bindingName;
		this.client = client;
		this.tokens = tokens;
	}

	@Override
	public Health health() {
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("binding", this.bindingName);
		String token;
		try {
			token = this.tokens.clientCredentials().value();
		}
		catch (TokenRequestException ex) {
			details.put("step", "token");
			if (ex.getHttpStatus() > 0) {
				details.put("httpStatus", ex.getHttpStatus());
			}
			return Health.down().withDetails(details).build();
		}
		try {
			this.client.find(PROBE, null, token, null, DestinationOptions.none());
			return Health.up().withDetails(details).build();
		}
		catch (DestinationException ex) {
			details.put("step", "lookup");
			if (ex.getHttpStatus() > 0) {
				details.put("httpStatus", ex.getHttpStatus());
			}
			return Health.down().withDetails(details).build();
		}
	}

}
