package dev.btpboot.binding;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The JSON of binding sources ({@code VCAP_SERVICES}, the local file, Kubernetes entries), read
 * with the Jackson Spring Boot brings, into a tree once and from there into plain Java values
 * without another pass through Jackson's (de)serializers, which would load some 200 more classes
 * during start-up.
 */
final class BindingJson {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private BindingJson() {
	}

	/**
	 * Parses JSON, reporting only the position of an error: parser messages quote the input.
	 * @param json the text
	 * @param source where it came from, for the message
	 * @return the tree; a missing node for empty text
	 * @throws ServiceBindingException when the text is not JSON
	 */
	static JsonNode parse(String json, String source) {
		try {
			return JSON.readTree(json);
		}
		catch (JacksonException ex) {
			TokenStreamLocation location = ex.getLocation();
			String where = (location != null)
					? " at line " + location.getLineNr() + ", column " + location.getColumnNr() : "";
			throw new ServiceBindingException(source, null, null, "is not valid JSON" + where, "Fix the JSON of "
					+ source + ": it must be an object mapping service labels to arrays of bindings.");
		}
	}

	/**
	 * Parses the JSON value at the start of a text and ignores what follows it, as a block inside
	 * other output; an error names its position in the whole file, never its content.
	 * @param text the text from the value's first character on
	 * @param line the line of the file the value starts on (1-based)
	 * @param column the column of the file the value starts at (1-based)
	 * @param source where it came from, for the message
	 * @return the value
	 * @throws ServiceBindingException when the value is not JSON
	 */
	static JsonNode parseFirstValue(String text, int line, int column, String source) {
		try (JsonParser parser = JSON.createParser(text)) {
			return JSON.reader().without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).readTree(parser);
		}
		catch (JacksonException ex) {
			TokenStreamLocation location = ex.getLocation();
			String where = "";
			if (location != null) {
				int errorLine = line + location.getLineNr() - 1;
				int errorColumn = (location.getLineNr() == 1) ? column + location.getColumnNr() - 1
						: location.getColumnNr();
				where = " at line " + errorLine + ", column " + errorColumn;
			}
			throw new ServiceBindingException(source, null, null, "is not valid JSON" + where,
					"Fix the JSON of " + source + ": it must be an object mapping service labels to arrays of "
							+ "bindings.");
		}
	}

	/** @return the JSON object the text holds, or {@code null} when it is not one */
	static Map<String, Object> objectOrNull(String json) {
		try {
			JsonNode node = JSON.readTree(json);
			return node.isObject() ? object(node) : null;
		}
		catch (JacksonException ex) {
			return null;
		}
	}

	/** @return the members of an object node as plain Java values, in their order */
	static Map<String, Object> object(JsonNode object) {
		Map<String, Object> map = new LinkedHashMap<>();
		for (Map.Entry<String, JsonNode> member : object.properties()) {
			map.put(member.getKey(), value(member.getValue()));
		}
		return map;
	}

	/**
	 * A node as a plain Java value, as Jackson's untyped binding makes it: {@link Map},
	 * {@link List}, {@link String}, {@link Number} ({@code Integer}, {@code Long},
	 * {@code BigInteger}, {@code Double}), {@link Boolean} or {@code null}.
	 */
	static Object value(JsonNode node) {
		if (node.isObject()) {
			return object(node);
		}
		if (node.isArray()) {
			List<Object> list = new ArrayList<>(node.size());
			node.values().forEach((item) -> list.add(value(item)));
			return list;
		}
		if (node.isNumber()) {
			return node.numberValue();
		}
		if (node.isBoolean()) {
			return node.booleanValue();
		}
		return (node.isNull() || node.isMissingNode()) ? null : node.asString();
	}

}
