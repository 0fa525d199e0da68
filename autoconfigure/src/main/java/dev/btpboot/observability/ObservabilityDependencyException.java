package dev.btpboot.observability;

import java.util.List;

/**
 * Export to SAP Cloud Logging was switched on ({@code btp.observability.enabled=true}) but a
 * dependency it needs is missing; {@code ObservabilityFailureAnalyzer} says which at start-up.
 */
class ObservabilityDependencyException extends RuntimeException {

	private final String bindingName;

	private final List<String> missing;

	ObservabilityDependencyException(String bindingName, List<String> missing) {
		super("btp.observability.enabled=true and SAP Cloud Logging binding '" + bindingName
				+ "' is bound, but export needs " + String.join(" and ", missing) + ", which the application lacks");
		this.bindingName = bindingName;
		this.missing = List.copyOf(missing);
	}

	String getBindingName() {
		return this.bindingName;
	}

	List<String> getMissing() {
		return this.missing;
	}

}
