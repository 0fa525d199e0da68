package dev.btpboot.binding;

import java.util.List;

import tools.jackson.databind.JsonNode;

/**
 * What {@code cf env <app>} prints, saved to a file ({@code cf env my-app > cf-env.txt}), read as
 * a local bindings file: the bindings are its {@code VCAP_SERVICES} block, everything else (the
 * header, {@code VCAP_APPLICATION}, user-provided variables, variable groups) is left alone. Two
 * shapes exist: cf CLI 7 and later print {@code VCAP_SERVICES: {...}}, cf CLI 6 printed each
 * variable wrapped in an object of its own, {@code {"VCAP_SERVICES": {...}}}.
 */
final class CfEnvOutput {

	private static final String HEADER = "Getting env variables for app";

	private static final String SYSTEM_PROVIDED = "System-Provided:";

	private static final String VCAP_SERVICES = VcapServicesReader.VCAP_SERVICES;

	private CfEnvOutput() {
	}

	/** @return whether the text is the output of {@code cf env} rather than JSON */
	static boolean matches(String content) {
		String text = content.strip();
		return !text.startsWith("{") && (text.startsWith(HEADER) || text.lines().anyMatch(SYSTEM_PROVIDED::equals));
	}

	/**
	 * @param content the output of {@code cf env}
	 * @param source where it came from, for messages
	 * @return the value of its {@code VCAP_SERVICES} block
	 * @throws ServiceBindingException when the block is missing or not valid JSON (the message
	 * gives the position in the file, never its content)
	 */
	static JsonNode vcapServices(String content, String source) {
		List<String> lines = content.lines().toList();
		int offset = 0;
		for (int line = 0; line < lines.size(); line++) {
			String text = lines.get(line);
			if (text.startsWith(VCAP_SERVICES + ":")) {
				int start = text.indexOf('{');
				if (start < 0) {
					break;
				}
				return BindingJson.parseFirstValue(content.substring(offset + start), line + 1, start + 1, source);
			}
			if (text.equals("{")) {
				JsonNode wrapped = BindingJson.parseFirstValue(content.substring(offset), line + 1, 1, source);
				if (wrapped.has(VCAP_SERVICES)) {
					return wrapped.get(VCAP_SERVICES);
				}
			}
			offset = nextLine(content, offset);
		}
		throw new ServiceBindingException(source, null, VCAP_SERVICES, "missing from this output of 'cf env'",
				"Save the output of 'cf env <app>' of an application with service bindings (its System-Provided "
						+ "section shows VCAP_SERVICES), or point btp.bindings.local-file to a default-env.json file.");
	}

	private static int nextLine(String content, int offset) {
		int newline = content.indexOf('\n', offset);
		return (newline < 0) ? content.length() : newline + 1;
	}

}
