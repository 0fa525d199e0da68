package dev.btpboot.tenancy;

import dev.btpboot.security.Tenant;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The body of a SaaS Provisioning callback, as SAP documents it: {@code subscribedTenantId},
 * {@code subscribedSubdomain}, {@code subscribedSubaccountId}, {@code globalAccountGUID},
 * {@code eventType} ({@code CREATE}, {@code UPDATE}) and more that the starter does not need.
 * Refusals name the field, never quote the payload.
 *
 * @param subscription the subscription it describes
 * @param event what it asks for
 */
record SubscriptionPayload(Subscription subscription, SubscriptionEvent event) {

	/** Payloads are a few kilobytes; anything far larger is not one. */
	static final int MAX_BYTES = 64 * 1024;

	private static final JsonMapper json = JsonMapper.shared();

	/**
	 * @param pathTenantId the tenant of the callback's path
	 * @param body the request body, possibly empty
	 * @param unsubscribe whether it is a {@code DELETE} (whose body may be empty)
	 * @return the payload
	 * @throws SubscriptionRequestException when the request is malformed
	 */
	static SubscriptionPayload parse(String pathTenantId, byte[] body, boolean unsubscribe) {
		if (!Tenant.isId(pathTenantId)) {
			throw new SubscriptionRequestException("the tenant id of the path is not a tenant id");
		}
		if (body == null || body.length == 0) {
			if (unsubscribe) {
				return new SubscriptionPayload(new Subscription(pathTenantId, null, null, null),
						SubscriptionEvent.UNSUBSCRIBE);
			}
			throw new SubscriptionRequestException("the request has no body");
		}
		if (body.length > MAX_BYTES) {
			throw new SubscriptionRequestException("the body is larger than " + MAX_BYTES + " bytes");
		}
		JsonNode payload;
		try {
			payload = json.readTree(body);
		}
		catch (JacksonException ex) {
			throw new SubscriptionRequestException("the body is not JSON");
		}
		if (payload == null || !payload.isObject()) {
			throw new SubscriptionRequestException("the body is not a JSON object");
		}
		String tenantId = text(payload, "subscribedTenantId");
		if (tenantId == null) {
			throw new SubscriptionRequestException("subscribedTenantId is missing");
		}
		if (!tenantId.equals(pathTenantId)) {
			throw new SubscriptionRequestException("subscribedTenantId is not the tenant of the path");
		}
		String subdomain = text(payload, "subscribedSubdomain");
		if (subdomain != null && !subdomain.matches("[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?")) {
			throw new SubscriptionRequestException("subscribedSubdomain is not a DNS label");
		}
		Subscription subscription = new Subscription(tenantId, subdomain, text(payload, "subscribedSubaccountId"),
				text(payload, "globalAccountGUID"));
		SubscriptionEvent event = unsubscribe ? SubscriptionEvent.UNSUBSCRIBE
				: "UPDATE".equalsIgnoreCase(text(payload, "eventType")) ? SubscriptionEvent.UPDATE
						: SubscriptionEvent.SUBSCRIBE;
		return new SubscriptionPayload(subscription, event);
	}

	private static String text(JsonNode node, String field) {
		JsonNode value = node.path(field);
		return (value.isString() && !value.asString().isBlank()) ? value.asString().trim() : null;
	}

	/** A callback request that cannot be served as it is (400); the message names what is wrong. */
	static final class SubscriptionRequestException extends RuntimeException {

		SubscriptionRequestException(String problem) {
			super(problem);
		}

	}

}
