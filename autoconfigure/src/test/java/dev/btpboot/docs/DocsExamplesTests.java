package dev.btpboot.docs;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.config.YamlPropertiesFactoryBean;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.core.io.ClassPathResource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The examples of README.md, the samples' READMEs and the pages of docs/ stay true: every
 * {@code btp.*} property that a YAML or properties example sets, or that the prose names in code,
 * exists in the configuration metadata (prose may also name a group of properties or a name the
 * code uses, such as a meter's); a Java example preceded by
 * {@code <!-- source: path -->} is (a part of) that file of the repository, as it is today.
 */
class DocsExamplesTests {

	private static final Pattern FENCE = Pattern.compile("^```(\\w*)\\s*$");

	private static final Pattern SOURCE = Pattern.compile("^<!-- source: (\\S+) -->$");

	/** A property named in inline code, optionally with a value: {@code btp.a.b} or {@code btp.a.b=c}. */
	private static final Pattern INLINE_PROPERTY = Pattern.compile("`(btp\\.[a-z0-9.-]*[a-z0-9])(?:=[^`]*)?`");

	/** A name in quotes in the starter's code, such as a meter's name: {@code "btp.token.requests"}. */
	private static final Pattern NAME_IN_CODE = Pattern.compile("\"(btp\\.[a-z0-9.-]+)\"");

	private final Map<String, String> properties = readMetadata();

	private final Set<String> namesInCode = namesInCode();

	@Test
	void everyPropertyAnExampleSetsOrTheProseNamesExists() throws IOException {
		List<String> unknown = new ArrayList<>();
		for (Path page : pages()) {
			for (Block block : blocks(page)) {
				for (String key : keys(block)) {
					if (!known(key)) {
						unknown.add(where(page, block.line()) + ": " + key);
					}
				}
			}
			List<String> lines = Files.readAllLines(page);
			for (int number = 0; number < lines.size(); number++) {
				Matcher property = INLINE_PROPERTY.matcher(lines.get(number));
				while (property.find()) {
					String name = property.group(1);
					if (!known(name) && !group(name) && !this.namesInCode.contains(name)) {
						unknown.add(where(page, number + 1) + ": " + name);
					}
				}
			}
		}
		assertThat(unknown).as("btp.* properties named in the documentation that the metadata does not have")
			.isEmpty();
	}

	@Test
	void everyJavaExampleThatNamesItsSourceIsThatSource() throws IOException {
		List<String> drifted = new ArrayList<>();
		int checked = 0;
		for (Path page : pages()) {
			for (Block block : blocks(page)) {
				if (block.source() != null) {
					checked++;
					Path source = GeneratedDocs.ROOT.resolve(block.source());
					if (!Files.exists(source)) {
						drifted.add(where(page, block.line()) + ": no such file " + block.source());
					}
					else if (!javaText(Files.readString(source)).contains(javaText(block.text()))) {
						drifted.add(where(page, block.line()) + ": not the code of " + block.source());
					}
				}
			}
		}
		assertThat(drifted).as("Java examples that are no longer their source").isEmpty();
		assertThat(checked).as("Java examples that name their source").isPositive();
	}

	@Test
	void anUnknownPropertyAndADriftedExampleAreFound() {
		Block yaml = new Block(1, "yaml", "btp:\n  security:\n    mode: jwt\n    moda: jwt\n  bindings:\n    xsuaa:\n      name: a\n", null);
		assertThat(keys(yaml)).filteredOn((key) -> !known(key))
			.containsExactly("btp.security.moda");
		Block list = new Block(1, "properties", "btp.security.public-paths[0]=/a\nbtp.security.mock.users.ann.roles[0]=X\n", null);
		assertThat(keys(list)).allMatch(this::known);
		assertThat(javaText("class A {\n\tvoid a() {\n\t}\n}\n")).contains(javaText("    void a() {\n    }"));
		assertThat(javaText("class A {\n\tvoid a() {\n\t}\n}\n")).doesNotContain(javaText("    void b() {\n    }"));
	}

	private boolean known(String key) {
		String name = key.replaceAll("\\[\\d+]$", "");
		if (this.properties.containsKey(name)) {
			return true;
		}
		return this.properties.entrySet()
			.stream()
			.anyMatch((property) -> (name.startsWith(property.getKey() + ".") || name.startsWith(property.getKey() + "["))
					&& (property.getValue().startsWith("java.util.Map") || property.getValue().startsWith("java.util.List")));
	}

	/** A group of properties named in prose: {@code btp.security.forwarded-client-certificate}. */
	private boolean group(String name) {
		return this.properties.keySet().stream().anyMatch((property) -> property.startsWith(name + "."));
	}

	private static List<String> keys(Block block) {
		Properties parsed = new Properties();
		if (block.language().equals("yaml") || block.language().equals("yml")) {
			YamlPropertiesFactoryBean yaml = new YamlPropertiesFactoryBean();
			yaml.setResources(new ByteArrayResource(block.text().getBytes(StandardCharsets.UTF_8)));
			parsed = yaml.getObject();
		}
		else if (block.language().equals("properties")) {
			try {
				parsed.load(new StringReader(block.text()));
			}
			catch (IOException ex) {
				throw new IllegalStateException(ex);
			}
		}
		return parsed.stringPropertyNames().stream().filter((key) -> key.startsWith("btp.")).sorted().toList();
	}

	/** Java text compared without package line, Javadoc, indentation style and trailing blanks. */
	private static String javaText(String text) {
		String code = text.replaceAll("(?m)^package [\\w.]+;\\R", "")
			.replaceAll("(?s)/\\*\\*.*?\\*/\\R", "")
			.replace("\t", "    ");
		return Stream.of(code.split("\\R"))
			.map(String::strip)
			.filter((line) -> !line.isEmpty())
			.reduce("", (all, line) -> all + line + "\n");
	}

	private static List<Block> blocks(Path page) throws IOException {
		List<String> lines = Files.readAllLines(page);
		List<Block> blocks = new ArrayList<>();
		for (int number = 0; number < lines.size(); number++) {
			Matcher fence = FENCE.matcher(lines.get(number).strip());
			if (!fence.matches()) {
				continue;
			}
			int start = number;
			StringBuilder text = new StringBuilder();
			for (number++; number < lines.size() && !lines.get(number).strip().startsWith("```"); number++) {
				text.append(lines.get(number)).append('\n');
			}
			Matcher source = (start > 0) ? SOURCE.matcher(lines.get(start - 1).strip()) : null;
			blocks.add(new Block(start + 1, fence.group(1), text.toString(),
					(source != null && source.matches()) ? source.group(1) : null));
		}
		return blocks;
	}

	private static List<Path> pages() throws IOException {
		List<Path> pages = new ArrayList<>();
		pages.add(GeneratedDocs.ROOT.resolve("README.md"));
		try (Stream<Path> files = Stream.concat(Files.walk(GeneratedDocs.ROOT.resolve("docs")),
				Files.walk(GeneratedDocs.ROOT.resolve("samples"), 2))) {
			files.filter((path) -> path.getFileName().toString().endsWith(".md")).sorted().forEach(pages::add);
		}
		return pages;
	}

	private static String where(Path page, int line) {
		return GeneratedDocs.ROOT.relativize(page) + ":" + line;
	}

	private static Set<String> namesInCode() {
		Set<String> names = new HashSet<>();
		try (Stream<Path> sources = Files.walk(GeneratedDocs.ROOT.resolve("autoconfigure/src/main/java"))) {
			for (Path source : sources.filter((path) -> path.toString().endsWith(".java")).toList()) {
				Matcher name = NAME_IN_CODE.matcher(Files.readString(source));
				while (name.find()) {
					names.add(name.group(1));
				}
			}
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		return names;
	}

	private static Map<String, String> readMetadata() {
		try (InputStream metadata = new ClassPathResource("META-INF/spring-configuration-metadata.json")
			.getInputStream()) {
			Map<String, String> properties = new LinkedHashMap<>();
			JsonNode root = JsonMapper.shared().readTree(metadata);
			root.get("properties")
				.valueStream()
				.forEach((property) -> properties.put(property.get("name").asString(),
						property.path("type").asString("")));
			return properties;
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	record Block(int line, String language, String text, String source) {
	}

}
