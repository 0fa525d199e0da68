package dev.btpboot;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.BeanUtils;
import org.springframework.beans.BeanWrapperImpl;
import org.springframework.core.io.ClassPathResource;
import org.springframework.util.ClassUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What an IDE shows for our properties: the metadata the annotation processor writes from the
 * Javadoc of the properties classes, merged with additional-spring-configuration-metadata.json.
 */
class ConfigurationMetadataTests {

	private final JsonNode metadata = read();

	@Test
	void everyPropertyHasADescriptionWithoutJavadocMarkup() {
		assertThat(this.metadata.get("properties").valueStream()).isNotEmpty().allSatisfy((property) -> {
			String description = property.path("description").asString("");
			assertThat(description).as(property.get("name").asString()).isNotBlank().doesNotContain("{@", "<code>", "<p>");
		});
	}

	@Test
	void everyEnumPropertyOffersItsValuesWithDescriptions() throws Exception {
		for (JsonNode property : this.metadata.get("properties")) {
			Class<?> type = ClassUtils.resolveClassName(property.get("type").asString().replaceAll("<.*", ""), null);
			if (type.isEnum()) {
				String name = property.get("name").asString();
				JsonNode hint = hint(name).orElseThrow(() -> new AssertionError(
						"additional-spring-configuration-metadata.json has no hint for " + name));
				List<String> values = hint.get("values").valueStream().map((value) -> {
					assertThat(value.path("description").asString("")).as(name).isNotBlank();
					return value.get("value").asString();
				}).toList();
				assertThat(values).as(name)
					.containsExactlyElementsOf(Arrays.stream(type.getEnumConstants())
						.map((constant) -> ((Enum<?>) constant).name().toLowerCase().replace('_', '-'))
						.toList());
			}
		}
	}

	@Test
	void listDefaultsOfTheMetadataAreTheDefaultsOfTheCode() throws Exception {
		for (JsonNode property : this.metadata.get("properties")) {
			if (property.path("defaultValue").isArray()) {
				Object properties = BeanUtils
					.instantiateClass(ClassUtils.resolveClassName(property.get("sourceType").asString(), null));
				String name = property.get("name").asString();
				String field = toCamelCase(name.substring(name.lastIndexOf('.') + 1));
				assertThat(new BeanWrapperImpl(properties).getPropertyValue(field)).as(name)
					.isEqualTo(property.get("defaultValue").valueStream().map(JsonNode::asString).toList());
			}
		}
		assertThat(this.metadata.get("properties").valueStream()
			.filter((property) -> property.get("name").asString().equals("btp.security.production-profiles"))
			.map((property) -> property.path("defaultValue").isArray())).containsExactly(true);
	}

	@Test
	void mockUserRolesOfferTheRoleOfTheDefaultSystemUser() {
		assertThat(hint("btp.security.mock.users.*.roles")).hasValueSatisfying((hint) -> {
			assertThat(hint.get("values").valueStream().map((value) -> value.get("value").asString()))
				.contains("system-user");
			assertThat(hint.get("providers").get(0).get("name").asString()).isEqualTo("any");
		});
	}

	private Optional<JsonNode> hint(String name) {
		return this.metadata.path("hints").valueStream()
			.filter((hint) -> hint.get("name").asString().equals(name))
			.findFirst();
	}

	private static String toCamelCase(String kebab) {
		String[] parts = kebab.split("-");
		return parts[0] + Arrays.stream(parts, 1, parts.length)
			.map((part) -> Character.toUpperCase(part.charAt(0)) + part.substring(1))
			.collect(Collectors.joining());
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
