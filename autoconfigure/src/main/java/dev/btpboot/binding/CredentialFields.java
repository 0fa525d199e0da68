package dev.btpboot.binding;

import java.net.URI;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Reads typed fields from a binding's credentials, failing with a message that names the binding
 * and the field but never shows a value.
 */
final class CredentialFields {

	private final ServiceBinding binding;

	CredentialFields(ServiceBinding binding) {
		this.binding = binding;
	}

	String required(String field) {
		String value = optional(field);
		if (value == null) {
			throw missing(field);
		}
		return value;
	}

	String optional(String field) {
		Object value = this.binding.credentials().get(field);
		if (value == null || (value instanceof String text && text.isBlank())) {
			return null;
		}
		if (value instanceof Collection<?> || value instanceof Map<?, ?>) {
			throw invalid(field, "must be a single value, not a list or object");
		}
		if (value instanceof byte[]) {
			throw binary(field);
		}
		return value.toString().trim();
	}

	/**
	 * A required URL (a bare host gets {@code https://}).
	 * @param fields the field and its fallbacks, in order; the first present one counts
	 */
	URI url(String... fields) {
		String field = firstPresent(fields);
		if (field == null) {
			throw (fields.length == 1) ? missing(fields[0])
					: new ServiceBindingException(this.binding.source(), this.binding.name(), fields[0],
							"missing (also looked for "
									+ String.join(", ", Arrays.asList(fields).subList(1, fields.length)) + ")",
							actionFor(fields[0]));
		}
		String value = optional(field);
		try {
			URI uri = URI.create(value.contains("://") ? value : "https://" + value);
			if (uri.getHost() == null) {
				throw invalid(field, "is not a URL with a host");
			}
			return uri;
		}
		catch (IllegalArgumentException ex) {
			throw invalid(field, "is not a valid URL");
		}
	}

	/**
	 * The id of the binding's own tenant (its identity zone): {@code tenantid}, else {@code zoneid},
	 * else {@code identityzoneid}, as the bindings of XSUAA-issued clients spell it.
	 * @return the id, or {@code null} when the binding names none
	 */
	String ownTenantId() {
		String field = firstPresent("tenantid", "zoneid", "identityzoneid");
		return (field != null) ? optional(field) : null;
	}

	/** {@code certurl}: required with an X.509 identity, optional (may be {@code null}) with a secret. */
	URI certUrl(ClientAuthentication authentication) {
		return (optional("certurl") != null || authentication instanceof X509Identity) ? url("certurl") : null;
	}

	/**
	 * The one rule for the token service of a client: with an X.509 identity, the mutual-TLS host
	 * {@code certurl} when the binding has one; the token service of secrets otherwise.
	 * @param authentication how the client authenticates
	 * @param certUrl {@code certurl}, or {@code null}
	 * @param url the token service for secrets, read only when it is the one
	 * @return the base URL of the token service
	 */
	static URI tokenServiceUrl(ClientAuthentication authentication, URI certUrl, Supplier<URI> url) {
		return (authentication instanceof X509Identity && certUrl != null) ? certUrl : url.get();
	}

	/**
	 * An optional TCP port; ports arrive as strings.
	 * @param fields the field and its fallbacks, in order; the first present one counts
	 * @return the port, or {@code 0} when none of the fields is present
	 */
	int port(String... fields) {
		String field = firstPresent(fields);
		if (field == null) {
			return 0;
		}
		try {
			int port = Integer.parseInt(optional(field));
			if (port > 0 && port < 65536) {
				return port;
			}
		}
		catch (NumberFormatException ex) {
			// reported below
		}
		throw invalid(field, "is not a TCP port (1-65535)");
	}

	/**
	 * Optional PEM certificates (a CA bundle, say).
	 * @param fields the field and its fallbacks, in order; the first present one counts
	 * @return the certificates, none when none of the fields is present
	 */
	List<X509Certificate> certificates(String... fields) {
		String field = firstPresent(fields);
		if (field == null) {
			return List.of();
		}
		try {
			return PemDecoder.certificates(optional(field));
		}
		catch (IllegalArgumentException ex) {
			throw invalid(field, ex.getMessage());
		}
	}

	/**
	 * @param field the field at fault
	 * @param problem what is wrong with it, without its value
	 * @return the exception naming the binding and the field
	 */
	ServiceBindingException invalidField(String field, String problem) {
		return invalid(field, problem);
	}

	/** @return the first of the fields that is present, or {@code null} */
	String firstPresent(String... fields) {
		return Arrays.stream(fields).filter((field) -> optional(field) != null).findFirst().orElse(null);
	}

	/** A list given as a JSON array, or as a comma-separated string (one file per entry on Kubernetes). */
	List<String> list(String field) {
		Object value = this.binding.credentials().get(field);
		if (value == null) {
			return List.of();
		}
		if (value instanceof Collection<?> items) {
			return items.stream().map(String::valueOf).toList();
		}
		if (value instanceof byte[]) {
			throw binary(field);
		}
		String text = value.toString().trim();
		if (text.startsWith("[") && text.endsWith("]")) {
			text = text.substring(1, text.length() - 1).replace("\"", "");
		}
		return Arrays.stream(text.split(",")).map(String::trim).filter((s) -> !s.isEmpty()).toList();
	}

	/**
	 * Whether credentials hold an X.509 identity: they carry a certificate or say their
	 * credential type is X.509. Never throws, so it also serves bindings of unknown services.
	 */
	static boolean isX509(Map<String, Object> credentials) {
		Object credentialType = credentials.get("credential-type");
		Object certificate = credentials.get("certificate");
		return (credentialType != null && credentialType.toString().toLowerCase(Locale.ROOT).contains("x509"))
				|| (certificate != null && !certificate.toString().isBlank());
	}

	/**
	 * The client authentication: an X.509 identity when the binding carries a certificate or says
	 * its credential type is X.509, a client secret otherwise.
	 */
	ClientAuthentication authentication() {
		if (!isX509(this.binding.credentials())) {
			return new ClientSecret(required("clientsecret"));
		}
		String certificatePem = required(X509Identity.InvalidPem.CERTIFICATE);
		String keyPem = required(X509Identity.InvalidPem.KEY);
		try {
			return X509Identity.fromPem(certificatePem, keyPem);
		}
		catch (X509Identity.InvalidPem ex) {
			throw new ServiceBindingException(this.binding.source(), this.binding.name(), ex.part(), ex.getMessage(),
					"Re-create the service binding or key so that 'certificate' holds the PEM certificate chain "
							+ "and 'key' its unencrypted PEM private key (PKCS#8 or PKCS#1).");
		}
	}

	private ServiceBindingException missing(String field) {
		return new ServiceBindingException(this.binding.source(), this.binding.name(), field, "missing",
				actionFor(field));
	}

	private ServiceBindingException binary(String field) {
		return invalid(field, "is binary, not UTF-8 text");
	}

	private ServiceBindingException invalid(String field, String problem) {
		return new ServiceBindingException(this.binding.source(), this.binding.name(), field, problem,
				actionFor(field));
	}

	private String actionFor(String field) {
		return "Check the credentials of binding '" + this.binding.name() + "' of service '" + this.binding.service()
				+ "': the field '" + field + "' must be present and valid. Re-create the binding if it is incomplete.";
	}

}
