package dev.btpboot.binding;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads Kubernetes service bindings: each directory under the root is one binding, either in
 * the SAP BTP service operator layout (a {@code .metadata} file describes the entries) or in the
 * servicebinding.io layout ({@code type}, {@code provider}, one file per entry).
 */
final class KubernetesBindingsReader {

	private static final Log logger = LogFactory.getLog(KubernetesBindingsReader.class);

	private static final String METADATA = ".metadata";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private KubernetesBindingsReader() {
	}

	static List<ServiceBinding> read(Path root) {
		List<ServiceBinding> bindings = new ArrayList<>();
		for (Path directory : directories(root)) {
			ServiceBinding binding = readDirectory(directory);
			if (binding != null) {
				bindings.add(binding);
			}
		}
		return bindings;
	}

	/**
	 * @param root the binding root
	 * @return the directories that may hold a binding, sorted; none when the root does not exist
	 */
	static List<Path> directories(Path root) {
		if (!Files.isDirectory(root)) {
			return List.of();
		}
		try (Stream<Path> directories = Files.list(root)) {
			return directories.filter(Files::isDirectory)
				.filter((d) -> !d.getFileName().toString().startsWith("."))
				.sorted()
				.toList();
		}
		catch (IOException ex) {
			throw new ServiceBindingException("Kubernetes binding root " + root, null, null,
					"cannot be listed (" + ex.getClass().getSimpleName() + ")",
					"Make the directory readable, or point btp.bindings.kubernetes-root elsewhere.");
		}
	}

	/**
	 * Reads one binding directory (also when the binding is re-read after a rotation).
	 * @return the binding, or {@code null} when the directory holds none
	 */
	static ServiceBinding readDirectory(Path directory) {
		if (Files.isRegularFile(directory.resolve(METADATA))) {
			return readOperatorLayout(directory);
		}
		if (Files.isRegularFile(directory.resolve("type"))) {
			return readServiceBindingSpecLayout(directory);
		}
		logger.debug("Skipping " + directory + ": neither a .metadata nor a type file");
		return null;
	}

	/** SAP BTP service operator: {@code .metadata} lists credential and metadata entries with their format. */
	private static ServiceBinding readOperatorLayout(Path directory) {
		String source = "Kubernetes binding " + directory;
		String name = directory.getFileName().toString();
		JsonNode metadata = VcapServicesReader.parse(readFile(directory.resolve(METADATA), source, name, METADATA),
				source + "/" + METADATA);
		Map<String, Object> credentials = new LinkedHashMap<>();
		for (JsonNode property : metadata.path("credentialProperties")) {
			Object value = readEntry(directory, property, source, name);
			if (property.path("container").asBoolean(false)) {
				if (!(value instanceof Map<?, ?> container)) {
					throw new ServiceBindingException(source, name, property.path("name").asString(),
							"is marked as container but is not a JSON object",
							"Re-create the binding secret; a container entry must hold a JSON object.");
				}
				container.forEach((key, entry) -> credentials.put(String.valueOf(key), entry));
			}
			else {
				credentials.put(property.path("name").asString(), value);
			}
		}
		Map<String, Object> meta = new LinkedHashMap<>();
		for (JsonNode property : metadata.path("metaDataProperties")) {
			meta.put(property.path("name").asString(), readEntry(directory, property, source, name));
		}
		Object service = meta.containsKey("label") ? meta.get("label") : meta.get("type");
		if (service == null) {
			throw new ServiceBindingException(source, name, "label", "missing from metaDataProperties (nor is 'type' there)",
					"Re-create the binding with the SAP BTP service operator, which writes label and type.");
		}
		return new ServiceBinding(name, service.toString(), stringOrNull(meta.get("plan")), tags(meta.get("tags")),
				credentials, source);
	}

	/** servicebinding.io: every file is an entry; {@code type} and {@code provider} describe the binding. */
	private static ServiceBinding readServiceBindingSpecLayout(Path directory) {
		String source = "Kubernetes binding " + directory;
		String name = directory.getFileName().toString();
		Map<String, Object> entries = new LinkedHashMap<>();
		try (Stream<Path> files = Files.list(directory)) {
			for (Path file : files.filter(Files::isRegularFile)
				.filter((f) -> !f.getFileName().toString().startsWith("."))
				.sorted()
				.toList()) {
				String entry = file.getFileName().toString();
				entries.put(entry, readFile(file, source, name, entry));
			}
		}
		catch (IOException ex) {
			throw new ServiceBindingException(source, name, null, "cannot be listed (" + ex.getClass().getSimpleName()
					+ ")", "Make the binding directory readable.");
		}
		String type = entries.remove("type").toString().trim();
		Object provider = entries.remove("provider");
		List<String> tags = new ArrayList<>(tags(entries.remove("tags")));
		if (provider != null) {
			tags.add(provider.toString().trim());
		}
		return new ServiceBinding(name, type, stringOrNull(entries.remove("plan")), tags, entries, source);
	}

	private static Object readEntry(Path directory, JsonNode property, String source, String binding) {
		String entry = property.path("name").asString(null);
		if (entry == null || entry.isBlank() || entry.contains("/") || entry.contains("..")) {
			throw new ServiceBindingException(source + "/" + METADATA, binding, null,
					"lists a property without a valid 'name'", "Re-create the binding secret.");
		}
		String text = readFile(directory.resolve(entry), source, binding, entry);
		if ("json".equals(property.path("format").asString("text"))) {
			JsonNode node = VcapServicesReader.parse(text, source + "/" + entry);
			return JSON.convertValue(node, Object.class);
		}
		return text;
	}

	private static String readFile(Path file, String source, String binding, String entry) {
		if (!Files.isRegularFile(file)) {
			throw new ServiceBindingException(source, binding, entry, "the file " + file + " is missing",
					"The binding's .metadata names an entry that is not mounted; re-create the binding secret "
							+ "or mount all of its keys.");
		}
		try {
			String text = Files.readString(file);
			// Secrets mounted from YAML often end in a newline that is not part of the value.
			return text.endsWith("\n") && !text.contains("-----END") ? text.stripTrailing() : text;
		}
		catch (IOException ex) {
			throw new ServiceBindingException(source, binding, entry, "cannot be read (" + ex.getClass().getSimpleName()
					+ ")", "Make the binding files readable by the application.");
		}
	}

	private static List<String> tags(Object value) {
		if (value == null) {
			return List.of();
		}
		if (value instanceof List<?> list) {
			return list.stream().map(String::valueOf).toList();
		}
		String text = value.toString().trim();
		if (text.startsWith("[")) {
			Object parsed = JSON.convertValue(VcapServicesReader.parse(text, "tags"), Object.class);
			return tags(parsed);
		}
		return text.isEmpty() ? List.of() : List.of(text.split("\\s*,\\s*"));
	}

	private static String stringOrNull(Object value) {
		return (value != null) ? value.toString().trim() : null;
	}

}
