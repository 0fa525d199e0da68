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
