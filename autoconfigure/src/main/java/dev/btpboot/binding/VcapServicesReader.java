package dev.btpboot.binding;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;

/**
 * Reads bindings in Cloud Foundry's {@code VCAP_SERVICES} shape, from the environment variable
 * or from a local {@code default-env.json} file, each in one pass of Jackson's parser.
 */
final class VcapServicesReader {

	static final String VCAP_SERVICES = "VCAP_SERVICES";

	private VcapServicesReader() {
	}

	/** Bindings from the content of {@code VCAP_SERVICES}. */
	static List<ServiceBinding> fromVcapServices(String json) {
		return read(json, VCAP_SERVICES);
	}

	/**
	 * Bindings from a local file: either {@code {"VCAP_SERVICES": {...}}} (as written by
	 * {@code cf default-env}), the {@code VCAP_SERVICES} object itself, or the output of
	 * {@code cf env <app>} ({@link CfEnvOutput}).
	 */
	static List<ServiceBinding> fromLocalFile(Path file) {
		String source = "local file " + file;
		String content;
		try {
			content = Files.readString(file);
		}
		catch (IOException ex) {
			throw new ServiceBindingException(source, null, null, "cannot be read (" + ex.getClass().getSimpleName()
					+ ")", "Point btp.bindings.local-file to a readable default-env.json file, or remove it.");
		}
		if (CfEnvOutput.matches(content)) {
			return read(CfEnvOutput.vcapServices(content, source), source);
		}
		JsonNode root = BindingJson.parse(content, source);
		JsonNode services = root.path(VCAP_SERVICES);
		if (services.isString()) {
			return read(services.asString(), source);
		}
		return read(services.isMissingNode() ? root : services, source);
	}

	private static List<ServiceBinding> read(String json, String source) {
		return read(BindingJson.parse(json, source), source);
	}

	private static List<ServiceBinding> read(JsonNode root, String source) {
		if (!root.isObject()) {
			throw shapeError(source, "is not a JSON object");
		}
		List<ServiceBinding> bindings = new ArrayList<>();
		for (Map.Entry<String, JsonNode> service : root.properties()) {
			if (!service.getValue().isArray()) {
				throw shapeError(source, "is not an object of service arrays: the value of '" + service.getKey()
						+ "' is not an array");
			}
			int index = 0;
			for (JsonNode entry : service.getValue()) {
				if (!entry.isObject()) {
					throw shapeError(source, "is not an object of service arrays: entry " + index + " of '"
							+ service.getKey() + "' is not an object");
				}
				bindings.add(toBinding(service.getKey(), entry, source));
				index++;
			}
		}
		return bindings;
	}

	/** One entry; without a {@code label}, the key it is listed under names the service, as in SAP's reader. */
	private static ServiceBinding toBinding(String key, JsonNode entry, String source) {
		String name = text(entry, "name");
		if (name == null) {
			throw new ServiceBindingException(source, null, "name", "missing in an entry of '" + key + "'",
					"Every entry of VCAP_SERVICES needs a 'name'.");
		}
		String label = text(entry, "label");
		List<String> tags = entry.path("tags").isArray()
				? entry.path("tags").valueStream().map(JsonNode::asString).toList() : List.of();
		JsonNode credentials = entry.path("credentials");
		Map<String, Object> values = credentials.isObject() ? BindingJson.object(credentials) : Map.of();
		return new ServiceBinding(name, (label != null) ? label : key, text(entry, "plan"), tags, values, source);
	}

	private static String text(JsonNode entry, String field) {
		JsonNode value = entry.path(field);
		return (value.isValueNode() && !value.isNull()) ? value.asString() : null;
	}

	static ServiceBindingException shapeError(String source, String problem) {
		return new ServiceBindingException(source, null, null, problem,
				"Fix the JSON of " + source + ": it must be an object mapping service labels to arrays of bindings.");
	}

}
