package dev.btpboot.token;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The payload of a JWT read without checking its signature. Only for decisions that the issuer
 * checks again or that cannot widen access: where to send a request (the tenant), how long to
 * keep a token we were just issued (its {@code exp}).
 */
final class UnverifiedClaims {

	private UnverifiedClaims() {
	}

	/**
	 * @param jwt a token
	 * @return its tenant: {@code zid} (XSUAA), else {@code app_tid} (IAS), when it is an id
	 * {@link TenantUrls#isTenantId} accepts; else {@code null}, so text from an unverified token
	 * never reaches a header, URL or message unchecked
	 */
	static String tenantOf(String jwt) {
		JsonNode claims = of(jwt);
		if (claims == null) {
			return null;
		}
		String tenant = claims.path("zid").asString(null);
		if (tenant == null) {
			tenant = claims.path("app_tid").asString(null);
		}
		return (tenant != null && TenantUrls.isTenantId(tenant)) ? tenant : null;
	}

	/** @return the payload object, or {@code null} when the text is not a JWT with a JSON object payload */
	static JsonNode of(String jwt) {
		int first = jwt.indexOf('.');
		int second = (first >= 0) ? jwt.indexOf('.', first + 1) : -1;
		if (second < 0) {
			return null;
		}
		try {
			String payload = new String(Base64.getUrlDecoder().decode(jwt.substring(first + 1, second)),
					StandardCharsets.UTF_8);
			JsonNode node = JsonMapper.shared().readTree(payload);
			return (node != null && node.isObject()) ? node : null;
		}
		catch (IllegalArgumentException | JacksonException ex) {
			return null;
		}
	}

}
