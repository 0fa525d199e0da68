package dev.btpboot.binding;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import tools.jackson.databind.JsonNode;

/**
 * Reads Kubernetes service bindings. Each directory under the root is one binding, either in the
 * SAP BTP service operator layout (a {@code .metadata} file describes the entries) or in the
 * servicebinding.io layout ({@code type}, {@code provider}, one file per entry); or it is a
 * service directory of the older layered layout {@code <root>/<service>/<instance>/} (SAP BTP
 * service operator 0.2.2 and earlier), each of whose subdirectories is a binding of that service.
 * <p>
 * Entries are UTF-8 text; a file that is not (a trust store, say) is kept as bytes and fails only
 * where a typed view needs it as text.
 */
final class KubernetesBindingsReader {

	private static final Log logger = LogFactory.getLog(KubernetesBindingsReader.class);

	private static final String METADATA = ".metadata";

	/** Entries of the layered layout that describe the binding rather than hold credentials. */
	private static final Set<String> LAYERED_METADATA = Set.of("plan", "instance_guid", "instance_name", "label",
			"tags");

	private KubernetesBindingsReader() {
	}

	/**
	 * Reads every binding under the root.
	 * @param root the binding root; absent means no bindings
	 * @return the bindings, ordered by directory name
	 */
	static List<ServiceBinding> read(Path root) {
		List<ServiceBinding> bindings = new ArrayList<>();
		for (Path directory : directories(root)) {
			bindings.addAll(readDirectory(directory));
		}
		return bindings;
	}

	/**
	 * @param root the binding root
	 * @return the directories that may hold bindings, sorted; none when the root does not exist
	 */
	static List<Path> directories(Path root) {
		return Files.isDirectory(root) ? subdirectories(root, "Kubernetes binding root " + root) : List.of();
	}

	/**
	 * Reads one directory directly under the root (also when it is re-read after a rotation): a
	 * binding, or a service directory of the layered layout with its bindings. A directory that
	 * is neither is skipped with a warning.
	 * @param directory the directory
	 * @return its bindings: one, several (layered layout) or none (skipped)
	 */
	static List<ServiceBinding> readDirectory(Path directory) {
		if (Files.isRegularFile(directory.resolve(METADATA))) {
			ServiceBinding binding = readOperatorLayout(directory);
			if (binding == null) {
				// as SAP's reader: without a service, nothing can use the binding
				logger.warn("Skipping " + directory + ": its .metadata names no 'label' or 'type' entry in "
						+ "metaDataProperties, so its service is unknown");
				return List.of();
			}
			return List.of(binding);
		}
		if (Files.isRegularFile(directory.resolve("type"))) {
			return List.of(readServiceBindingSpecLayout(directory));
		}
		List<Path> instances = subdirectories(directory, "Kubernetes binding " + directory);
		if (instances.isEmpty()) {
			logger.warn("Skipping " + directory + ": neither a binding (no .metadata or type file) nor a service "
					+ "directory of the layered layout <root>/<service>/<instance>/");
			return List.of();
		}
		List<ServiceBinding> bindings = new ArrayList<>();
		for (Path instance : instances) {
			LayeredBinding layered = readLayeredLayout(directory.getFileName().toString(), instance);
			if (layered.binding() != null) {
				bindings.add(layered.binding());
			}
			else {
				logger.warn("Skipping " + instance + " (layered layout, service '" + directory.getFileName() + "'): "
						+ layered.skipReason());
			}
		}
		return bindings;
	}

	/**
	 * SAP BTP service operator: {@code .metadata} lists credential and metadata entries with
	 * their format.
	 * @return the binding, or {@code null} when no {@code label} or {@code type} names its service
	 */
	private static ServiceBinding readOperatorLayout(Path directory) {
		String source = "Kubernetes binding " + directory;
		String name = directory.getFileName().toString();
		JsonNode metadata = BindingJson.parse(
				text(readFile(directory.resolve(METADATA), source, name, METADATA), source, name, METADATA),
				source + "/" + METADATA);
		Map<String, Object> credentials = new LinkedHashMap<>();
		for (JsonNode property : metadata.path("credentialProperties")) {
			String key = entryName(property, source, name);
			Object value = readEntry(directory, property, source, name);
			if (property.path("container").asBoolean(false)) {
				if (!(value instanceof Map<?, ?> container)) {
					throw new ServiceBindingException(source, name, key,
							"is marked as container but is not a JSON object",
							"Re-create the binding secret; a container entry must hold a JSON object.");
				}
				container.forEach((entry, entryValue) -> credentials.put(String.valueOf(entry), entryValue));
			}
			else {
				credentials.put(key, value);
			}
		}
		Map<String, Object> meta = new LinkedHashMap<>();
		for (JsonNode property : metadata.path("metaDataProperties")) {
			meta.put(entryName(property, source, name), readEntry(directory, property, source, name));
		}
		String field = (meta.get("label") != null) ? "label" : "type";
		if (meta.get(field) == null) {
			return null;
		}
		return new ServiceBinding(name, text(meta.get(field), source, name, field).trim(),
				trimmedText(meta.get("plan"), source, name, "plan"), tags(meta.get("tags"), source, name), credentials,
				source);
	}

	/** servicebinding.io: every file is an entry; {@code type} and {@code provider} describe the binding. */
	private static ServiceBinding readServiceBindingSpecLayout(Path directory) {
		String source = "Kubernetes binding " + directory;
		String name = directory.getFileName().toString();
		Map<String, Object> entries = readFiles(directory, source, name);
		String type = trimmedText(entries.remove("type"), source, name, "type");
		String provider = trimmedText(entries.remove("provider"), source, name, "provider");
		List<String> tags = new ArrayList<>(tags(entries.remove("tags"), source, name));
		if (provider != null) {
			tags.add(provider);
		}
		return new ServiceBinding(name, type, trimmedText(entries.remove("plan"), source, name, "plan"), tags, entries,
				source);
	}

	/**
	 * The layered layout, as SAP's library reads it: one JSON file holding the whole binding; one
	 * JSON file holding the credentials next to metadata files; or one file per entry.
	 */
	private static LayeredBinding readLayeredLayout(String service, Path directory) {
		String source = "Kubernetes binding " + directory;
		String name = directory.getFileName().toString();
		Map<String, Object> files = readFiles(directory, source, name);
		files.values().removeIf((value) -> value instanceof String text && text.isEmpty());
		Map<String, Map<String, Object>> jsonFiles = new LinkedHashMap<>();
		files.forEach((file, value) -> {
			Map<String, Object> object = jsonObjectOrNull(value);
			if (object != null) {
				jsonFiles.put(file, object);
			}
		});
		if (files.isEmpty()) {
			return LayeredBinding.skipped("no files");
		}
		if (jsonFiles.size() > 1) {
			return LayeredBinding.skipped("more than one JSON file " + jsonFiles.keySet());
		}
		Map<String, Object> meta = new LinkedHashMap<>();
		Map<String, Object> credentials = new LinkedHashMap<>();
		if (jsonFiles.size() == 1 && files.size() == 1) {
			jsonFiles.values().iterator().next().forEach((key, value) -> (LAYERED_METADATA.contains(key) ? meta
					: credentials).put(key, value));
		}
		else if (jsonFiles.size() == 1) {
			credentials.putAll(jsonFiles.values().iterator().next());
			files.forEach((file, value) -> {
				if (!jsonFiles.containsKey(file)) {
					meta.put(file, value);
				}
			});
		}
		else {
			files.forEach((file, value) -> (LAYERED_METADATA.contains(file) ? meta : credentials).put(file, value));
		}
		if (credentials.isEmpty()) {
			return LayeredBinding.skipped("no credentials");
		}
		return new LayeredBinding(new ServiceBinding(name, service, trimmedText(meta.get("plan"), source, name, "plan"),
				tags(meta.get("tags"), source, name), credentials, source), null);
	}

	private record LayeredBinding(ServiceBinding binding, String skipReason) {

		static LayeredBinding skipped(String reason) {
			return new LayeredBinding(null, reason);
		}

	}

	private static Map<String, Object> jsonObjectOrNull(Object value) {
		if (!(value instanceof String text) || !text.stripLeading().startsWith("{")) {
			return null;
		}
		return BindingJson.objectOrNull(text);
	}

	private static List<Path> subdirectories(Path directory, String source) {
		// Dot directories are the kubelet's own (..data and its timestamped targets).
		try (Stream<Path> entries = Files.list(directory)) {
			return entries.filter(Files::isDirectory)
				.filter((d) -> !d.getFileName().toString().startsWith("."))
				.sorted()
				.toList();
		}
		catch (IOException ex) {
			throw new ServiceBindingException(source, null, null,
					"cannot be listed (" + ex.getClass().getSimpleName() + ")",
					"Make the directory readable, or point btp.bindings.kubernetes-root elsewhere.");
		}
	}

	private static Map<String, Object> readFiles(Path directory, String source, String binding) {
		Map<String, Object> entries = new LinkedHashMap<>();
		try (Stream<Path> files = Files.list(directory)) {
			for (Path file : files.filter(Files::isRegularFile)
				.filter((f) -> !f.getFileName().toString().startsWith("."))
				.sorted()
				.toList()) {
				String entry = file.getFileName().toString();
				entries.put(entry, readFile(file, source, binding, entry));
			}
		}
		catch (IOException ex) {
			throw new ServiceBindingException(source, binding, null, "cannot be listed ("
					+ ex.getClass().getSimpleName() + ")", "Make the binding directory readable.");
		}
		return entries;
	}

	/** The credential or metadata key of a {@code .metadata} property: its {@code name}. */
	private static String entryName(JsonNode property, String source, String binding) {
		JsonNode name = property.path("name");
		if (!name.isString() || name.asString().isBlank()) {
			throw new ServiceBindingException(source + "/" + METADATA, binding, null,
					"lists a property without a valid 'name'", "Re-create the binding secret.");
		}
		return name.asString();
	}

	/** Reads the file {@code sourceName} names (else {@code name}), as SAP's reader does. */
	private static Object readEntry(Path directory, JsonNode property, String source, String binding) {
		String name = entryName(property, source, binding);
		JsonNode sourceName = property.path("sourceName");
		String fileName = sourceName.isString() ? sourceName.asString() : name;
		Path file = entryFile(directory, fileName, source, binding, name);
		Object value = readFile(file, source, binding, name);
		if ("json".equalsIgnoreCase(property.path("format").asString("text"))) {
			JsonNode node = BindingJson.parse(text(value, source, binding, name), source + "/" + fileName);
			return BindingJson.value(node);
		}
		return value;
	}

	/** A file directly in the binding directory: a plain file name, nothing that leads elsewhere. */
	private static Path entryFile(Path directory, String fileName, String source, String binding, String name) {
		if (fileName.isBlank() || fileName.equals(".") || fileName.equals("..") || fileName.indexOf('/') >= 0
				|| fileName.indexOf('\\') >= 0 || fileName.indexOf('\0') >= 0) {
			throw invalidFileName(source, binding, name);
		}
		try {
			Path file = directory.resolve(fileName);
			if (!directory.equals(file.getParent())) {
				throw invalidFileName(source, binding, name);
			}
			return file;
		}
		catch (InvalidPathException ex) {
			throw invalidFileName(source, binding, name);
		}
	}

	private static ServiceBindingException invalidFileName(String source, String binding, String name) {
		return new ServiceBindingException(source + "/" + METADATA, binding, name,
				"its file ('sourceName', else 'name') is not a plain file name of the binding directory",
				"Re-create the binding secret.");
	}

	/** A file's content: UTF-8 text, or its bytes when it is not UTF-8 (a key store, say). */
	private static Object readFile(Path file, String source, String binding, String entry) {
		if (!Files.isRegularFile(file)) {
			throw new ServiceBindingException(source, binding, entry, "the file " + file + " is missing",
					"The binding's .metadata names an entry that is not mounted; re-create the binding secret "
							+ "or mount all of its keys.");
		}
		byte[] bytes;
		try {
			bytes = Files.readAllBytes(file);
		}
		catch (IOException ex) {
			throw new ServiceBindingException(source, binding, entry, "cannot be read ("
					+ ex.getClass().getSimpleName() + ")", "Make the binding files readable by the application.");
		}
		try {
			String text = StandardCharsets.UTF_8.newDecoder()
				.onMalformedInput(CodingErrorAction.REPORT)
				.onUnmappableCharacter(CodingErrorAction.REPORT)
				.decode(ByteBuffer.wrap(bytes))
				.toString();
			// Secrets mounted from YAML often end in a newline that is not part of the value.
			return text.endsWith("\n") && !text.contains("-----END") ? text.stripTrailing() : text;
		}
		catch (CharacterCodingException ex) {
			return bytes;
		}
	}

	/** An entry this reader itself must understand as text. */
	private static String text(Object value, String source, String binding, String entry) {
		if (value instanceof byte[]) {
			throw new ServiceBindingException(source, binding, entry, "is not UTF-8 text",
					"Re-create the binding; this entry must be UTF-8 text.");
		}
		return value.toString();
	}

	private static String trimmedText(Object value, String source, String binding, String entry) {
		return (value != null) ? text(value, source, binding, entry).trim() : null;
	}

	private static List<String> tags(Object value, String source, String binding) {
		if (value == null) {
			return List.of();
		}
		if (value instanceof List<?> list) {
			return list.stream().map(String::valueOf).toList();
		}
		String text = text(value, source, binding, "tags").trim();
		if (text.startsWith("[")) {
			return tags(BindingJson.value(BindingJson.parse(text, source + "/tags")), source, binding);
		}
		return text.isEmpty() ? List.of() : List.of(text.split("\\s*,\\s*"));
	}

}
