package dev.btpboot.binding;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One service binding: a service instance's credentials as the platform handed them to the
 * application, whatever the source ({@code VCAP_SERVICES}, a Kubernetes binding directory or a
 * local file).
 *
 * @param name the binding name (VCAP {@code name}, Kubernetes directory name)
 * @param service the service (VCAP {@code label}, else the key the entry is listed under;
 *        Kubernetes {@code label} or {@code type}; the service directory of the layered layout)
 * @param plan the service plan, or {@code null} when the source does not say
 * @param tags the tags of the binding (may be empty)
 * @param credentials the credentials: values are strings, numbers, booleans, lists or maps, and
 *        {@code byte[]} for a Kubernetes binding file that is not UTF-8 text (a key store, say)
 * @param source where the binding came from, for messages ({@code VCAP_SERVICES}, a path)
 */
public record ServiceBinding(String name, String service, String plan, List<String> tags,
		Map<String, Object> credentials, String source) {

	public ServiceBinding {
		Objects.requireNonNull(name, "name");
		Objects.requireNonNull(service, "service");
		tags = (tags != null) ? List.copyOf(tags) : List.of();
		credentials = withoutNullValues(credentials);
		Objects.requireNonNull(source, "source");
	}

	private static Map<String, Object> withoutNullValues(Map<String, Object> credentials) {
		Map<String, Object> copy = new LinkedHashMap<>();
		if (credentials != null) {
			credentials.forEach((key, value) -> {
				if (value != null) {
					copy.put(key, value);
				}
			});
		}
		return Collections.unmodifiableMap(copy);
	}

	/** Shows the credential field names only, never their values. */
	@Override
	public String toString() {
		return "ServiceBinding[name=" + this.name + ", service=" + this.service + ", plan=" + this.plan
				+ ", tags=" + this.tags + ", credentials=" + this.credentials.keySet().stream().sorted().toList()
				+ ", source=" + this.source + "]";
	}

}
