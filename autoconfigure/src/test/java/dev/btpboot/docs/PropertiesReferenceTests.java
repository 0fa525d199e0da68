package dev.btpboot.docs;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.io.ClassPathResource;
import org.springframework.util.ClassUtils;
import org.springframework.util.StringUtils;

/**
 * {@code docs/properties.md}: every {@code btp.*} property with its default and description, from
 * the configuration metadata the build writes (the Javadoc of the properties classes, merged with
 * additional-spring-configuration-metadata.json), so that the page says what IDEs say.
 */
class PropertiesReferenceTests {

	private static final String PAGE = "docs/properties.md";

	/** Section titles of the known prefixes; a new prefix gets a title made from its name. */
	private static final Map<String, String> TITLES = Map.of("bindings", "Service bindings", "token", "Tokens",
			"security", "Security", "connectivity", "On-premise connectivity", "destinations", "Destinations",
			"tenancy", "Tenancy", "observability", "Observability", "http", "HTTP clients of the starter");

	private final JsonNode metadata = read();

	@Test
	void thePropertiesPageListsEveryPropertyOfTheMetadata() {
		GeneratedDocs.check(PAGE, render());
	}

	private String render() {
		Map<String, List<JsonNode>> sections = new LinkedHashMap<>();
		this.metadata.get("properties")
			.valueStream()
			.filter((property) -> property.get("name").asString().startsWith("btp."))
			.sorted((a, b) -> a.get("name").asString().compareTo(b.get("name").asString()))
			.forEach((property) -> sections.computeIfAbsent(section(property.get("name").asString()),
					(key) -> new ArrayList<>()).add(property));
		StringBuilder page = new StringBuilder(GeneratedDocs.header(getClass().getSimpleName()));
		page.append("""
				# Configuration properties

				Every `btp.*` property of the starter, with its default and what it does, as your IDE shows
				them (the configuration metadata). Set them in `application.yml`, as environment variables
				(`BTP_SECURITY_MODE=jwt`) or on the command line. An empty default means none, or one the
				description explains (from a binding or the platform).
				""");
		sections.forEach((prefix, properties) -> {
			page.append("\n## ").append(TITLES.getOrDefault(prefix, StringUtils.capitalize(prefix)));
			page.append(" (`btp.").append(prefix).append("`)\n\n");
			page.append("| property | default | description |\n|---|---|---|\n");
			for (JsonNode property : properties) {
				page.append("| `").append(property.get("name").asString()).append("` | ")
					.append(defaultValue(property)).append(" | ")
					.append(GeneratedDocs.cell(description(property))).append(" |\n");
			}
		});
		return page.toString();
	}

	private static String section(String name) {
		return name.split("\\.")[1];
	}

	private static String defaultValue(JsonNode property) {
		JsonNode value = property.path("defaultValue");
		if (value.isMissingNode() || value.isNull()) {
			return "";
		}
		if (value.isArray()) {
			return value.isEmpty() ? "empty"
					: value.valueStream().map((item) -> "`" + item.asString() + "`").collect(Collectors.joining(", "));
		}
		return "`" + GeneratedDocs.cell(value.asString()) + "`";
	}

	private String description(JsonNode property) {
		String name = property.get("name").asString();
		StringBuilder description = new StringBuilder(property.path("description").asString(""));
		JsonNode deprecation = property.path("deprecation");
		if (!deprecation.isMissingNode()) {
			description.append(" Deprecated");
			String replacement = deprecation.path("replacement").asString("");
			description.append(replacement.isEmpty() ? "." : ": use `" + replacement + "`.");
		}
		hint(name).ifPresent((hint) -> description.append(" Values: ")
			.append(hint.get("values")
				.valueStream()
				.map((value) -> "`" + value.get("value").asString() + "` (" + value.path("description").asString("")
						+ ")")
				.collect(Collectors.joining(", ")))
			.append('.'));
		List<String> entryKeys = entryKeys(property.path("type").asString(""));
		if (!entryKeys.isEmpty()) {
			description.append(" Keys of each entry: ")
				.append(entryKeys.stream().map((key) -> "`" + key + "`").collect(Collectors.joining(", ")))
				.append('.');
		}
		return description.toString();
	}

	private java.util.Optional<JsonNode> hint(String name) {
		return this.metadata.path("hints")
			.valueStream()
			.filter((hint) -> hint.get("name").asString().equals(name) && hint.path("values").isArray())
			.findFirst();
	}

	/**
	 * The metadata does not describe the values of a map of the starter's own types (a mock user, a
	 * client certificate); their keys are the fields of that type.
	 */
	private static List<String> entryKeys(String type) {
		if (!type.startsWith("java.util.Map<java.lang.String,dev.btpboot.")) {
			return List.of();
		}
		String valueType = type.substring(type.indexOf(',') + 1, type.length() - 1);
		Class<?> values = ClassUtils.resolveClassName(valueType, null);
		return Arrays.stream(values.getDeclaredFields())
			.filter((field) -> !Modifier.isStatic(field.getModifiers()))
			.map(Field::getName)
			.map(PropertiesReferenceTests::toKebabCase)
			.toList();
	}

	private static String toKebabCase(String camel) {
		return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase();
	}

	private static JsonNode read() {
		try (InputStream in = new ClassPathResource("META-INF/spring-configuration-metadata.json").getInputStream()) {
			return JsonMapper.builder().build().readTree(in);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
