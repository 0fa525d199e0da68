package dev.btpboot.binding;

/**
 * A service binding could not be read or does not hold what the application needs. The message
 * names the source, the binding and the field, never a credential value.
 */
public class ServiceBindingException extends RuntimeException {

	private final String source;

	private final String binding;

	private final String field;

	private final String action;

	ServiceBindingException(String source, String binding, String field, String problem, String action) {
		super(describe(source, binding, field, problem));
		this.source = source;
		this.binding = binding;
		this.field = field;
		this.action = action;
	}

	private static String describe(String source, String binding, String field, String problem) {
		StringBuilder message = new StringBuilder();
		if (binding != null) {
			message.append("Service binding '").append(binding).append("'");
		}
		else {
			message.append("Service bindings");
		}
		message.append(" from ").append(source);
		if (field != null) {
			message.append(", field '").append(field).append("'");
		}
		return message.append(": ").append(problem).toString();
	}

	/** @return where the binding came from ({@code VCAP_SERVICES}, a file or directory) */
	public String getSource() {
		return this.source;
	}

	/** @return the binding name, or {@code null} when the whole source is unreadable */
	public String getBinding() {
		return this.binding;
	}

	/** @return the credential field at fault, or {@code null} */
	public String getField() {
		return this.field;
	}

	/** @return what the user should do about it */
	public String getAction() {
		return this.action;
	}

}
