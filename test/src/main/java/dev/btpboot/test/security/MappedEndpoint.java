package dev.btpboot.test.security;

import java.util.Collection;
import java.util.List;

/**
 * One path pattern and HTTP method an application maps, with a description of its handler.
 *
 * @param method the HTTP method
 * @param pattern the path pattern as mapped, e.g. {@code /orders/{id}}
 * @param handler what handles it, for the failure message
 */
record MappedEndpoint(String method, String pattern, String handler) {

	/**
	 * The methods requested for a mapping that names none (it answers them all). Not TRACE, which
	 * the server refuses before any filter sees it.
	 */
	static final List<String> ALL_METHODS = List.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");

	/** The value that stands in for each path variable and wildcard. */
	static final String SAMPLE_VALUE = "1";

	/**
	 * The methods to request for a mapping that declares these.
	 * @param declared the declared methods, empty when the mapping answers any
	 * @return the methods to request
	 */
	static List<String> methodsToRequest(Collection<String> declared) {
		return declared.isEmpty() ? ALL_METHODS
				: declared.stream().filter((method) -> !"TRACE".equals(method)).distinct().toList();
	}

	/**
	 * A concrete request path for the pattern: each variable ({@code {id}}, {@code {id:\d+}},
	 * {@code {*rest}}) and each wildcard ({@code *}, {@code **}, {@code ?}) becomes
	 * {@value #SAMPLE_VALUE}.
	 * @return the path to request
	 */
	String samplePath() {
		StringBuilder path = new StringBuilder();
		int depth = 0;
		for (int i = 0; i < this.pattern.length(); i++) {
			char c = this.pattern.charAt(i);
			if (c == '{') {
				if (depth++ == 0) {
					path.append(SAMPLE_VALUE);
				}
			}
			else if (c == '}') {
				depth--;
			}
			else if (depth == 0) {
				path.append(c);
			}
		}
		String expanded = path.toString().replace("**", SAMPLE_VALUE).replace('*', '1').replace('?', '1');
		return expanded.startsWith("/") ? expanded : "/" + expanded;
	}

}
