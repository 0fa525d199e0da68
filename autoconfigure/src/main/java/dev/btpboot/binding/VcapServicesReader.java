package dev.btpboot.binding;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import io.pivotal.cfenv.core.CfEnv;
import io.pivotal.cfenv.core.CfService;
import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads bindings in Cloud Foundry's {@code VCAP_SERVICES} shape with java-cfenv, from the
 * environment variable or from a local {@code default-env.json} file.
 */
final class VcapServicesReader {

	static final String VCAP_SERVICES = "VCAP_SERVICES";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private VcapServicesReader() {
	}

	/** Bindings from the content of {@code VCAP_SERVICES}. */
	static List<ServiceBinding> fromVcapServices(String json) {
		return read(json, VCAP_SERVICES);
	}

	/**
	 * Bindings from a local file: either {@code {"VCAP_SERVICES": {...}}} (as written by
	 * {@code cf default-env}) or the {@code VCAP_SERVICES} object itself.
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
		JsonNode root = parse(content, source);
		JsonNode services = root.path(VCAP_SERVICES);
		if (services.isString()) {
			return read(services.asString(), source);
		}
		return read(JSON.writeValueAsString(services.isMissingNode() ? root : services), source);
	}

	private static List<ServiceBinding> read(String json, String source) {
		List<CfService> services;
		try {
			services = new CfEnv("{}", json).findAllServices();
		}
		catch (RuntimeException ex) {
			// java-cfenv's parser quotes the input in its messages; find the position without it.
			JsonNode root = parse(json, source);
			throw shapeError(source, root.isObject() ? "is not an object of service arrays" : "is not a JSON object");
		}
		return services.stream().map((service) -> toBinding(service, source)).toList();
	}

	private static ServiceBinding toBinding(CfService service, String source) {
		// Read the raw map: CfService's getters fail on absent optional entries such as 'plan'.
		Map<String, Object> entry = service.getMap();
		String name = stringOrNull(entry.get("name"));
		String label = stringOrNull(entry.get("label"));
		if (name == null || label == null) {
			throw new ServiceBindingException(source, name, (name == null) ? "name" : "label", "missing",
					"Every entry of VCAP_SERVICES needs 'name' and 'label'.");
		}
		List<String> tags = (entry.get("tags") instanceof List<?> list) ? list.stream().map(String::valueOf).toList()
				: List.of();
		Map<String, Object> credentials = (service.getCredentials() != null) ? service.getCredentials().getMap()
				: Map.of();
		return new ServiceBinding(name, label, stringOrNull(entry.get("plan")), tags, credentials, source);
	}

	private static String stringOrNull(Object value) {
		return (value != null) ? value.toString() : null;
	}

	/** Parses JSON, reporting only the position of an error: parser messages quote the input. */
	static JsonNode parse(String json, String source) {
		try {
			return JSON.readTree(json);
		}
		catch (JacksonException ex) {
			TokenStreamLocation location = ex.getLocation();
			String where = (location != null)
					? " at line " + location.getLineNr() + ", column " + location.getColumnNr() : "";
			throw shapeError(source, "is not valid JSON" + where);
		}
	}

	private static ServiceBindingException shapeError(String source, String problem) {
		return new ServiceBindingException(source, null, null, problem,
				"Fix the JSON of " + source + ": it must be an object mapping service labels to arrays of bindings.");
	}

}
