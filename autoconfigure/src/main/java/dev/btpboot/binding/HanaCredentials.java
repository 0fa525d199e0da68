package dev.btpboot.binding;

import java.security.cert.X509Certificate;
import java.util.List;

/**
 * Credentials of an SAP HANA Cloud binding (service {@code hana}, plans {@code hdi-shared} and
 * {@code schema}): the JDBC {@code url} the binding carries (with its {@code currentschema}), or
 * {@code host} and {@code port}; {@code user}, {@code password}, {@code schema}, the optional
 * {@code certificate} to trust and the {@code driver} class. {@link #toString()} never shows the
 * password.
 *
 * @param bindingName the binding name
 * @param url {@code url}, a {@code jdbc:sap://} URL, or {@code null} when the binding has none
 * @param host {@code host}, or {@code null} when only {@code url} is given
 * @param port {@code port}, or {@code 0} when only {@code url} is given
 * @param user {@code user}
 * @param password {@code password}
 * @param schema {@code schema}, or {@code null}
 * @param trustedCertificates {@code certificate}: the certificates to trust; empty when the
 *        binding has none (SAP HANA Cloud's CA is public and in the JDK's trust store)
 * @param driver {@code driver}, or {@code null}
 */
public record HanaCredentials(String bindingName, String url, String host, int port, String user, String password,
		String schema, List<X509Certificate> trustedCertificates, String driver) {

	/** The service name of SAP HANA Cloud bindings (HDI containers and schemas). */
	public static final String SERVICE = "hana";

	public HanaCredentials {
		trustedCertificates = List.copyOf(trustedCertificates);
	}

	/**
	 * Reads and validates the credentials of a hana binding.
	 * @param binding the binding
	 * @return the credentials
	 * @throws ServiceBindingException when a field is missing or invalid
	 */
	public static HanaCredentials from(ServiceBinding binding) {
		CredentialFields fields = new CredentialFields(binding);
		String url = fields.optional("url");
		if (url != null && !url.startsWith("jdbc:sap://")) {
			throw fields.invalidField("url", "is not a jdbc:sap:// URL");
		}
		String host = fields.optional("host");
		int port = fields.port("port");
		if (url == null) {
			if (host == null) {
				throw fields.invalidField("host", "missing (and no 'url')");
			}
			if (port == 0) {
				throw fields.invalidField("port", "missing (and no 'url')");
			}
		}
		return new HanaCredentials(binding.name(), url, host, port, fields.required("user"),
				fields.required("password"), fields.optional("schema"), fields.certificates("certificate"),
				fields.optional("driver"));
	}

	/** Shows everything but the password. */
	@Override
	public String toString() {
		return "HanaCredentials[bindingName=" + this.bindingName + ", url=" + this.url + ", host=" + this.host
				+ ", port=" + this.port + ", user=" + this.user + ", schema=" + this.schema + ", trustedCertificates="
				+ this.trustedCertificates.stream().map((c) -> c.getSubjectX500Principal().getName()).toList()
				+ ", driver=" + this.driver + "]";
	}

}
