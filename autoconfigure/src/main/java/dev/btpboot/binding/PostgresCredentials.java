package dev.btpboot.binding;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * Credentials of a PostgreSQL binding: PostgreSQL on SAP BTP, hyperscaler option (service
 * {@code postgresql-db}: {@code hostname}, {@code port}, {@code dbname}, {@code username},
 * {@code password}, {@code uri}, {@code sslrootcert}/{@code sslcert}) and the servicebinding.io
 * type {@code postgresql} ({@code host}, {@code port}, {@code database}, {@code username},
 * {@code password}). A field that is absent is taken from {@code uri} when the binding has one.
 * {@link #toString()} never shows the password.
 *
 * @param bindingName the binding name
 * @param host {@code hostname}, else {@code host}
 * @param port {@code port}, else {@code 5432}
 * @param database {@code dbname}, else {@code database}
 * @param username {@code username}, else {@code user}
 * @param password {@code password}
 * @param trustedCertificates the CA certificates the server's certificate must chain to:
 *        {@code sslrootcert}, else {@code sslcert}; empty when the binding has none
 */
public record PostgresCredentials(String bindingName, String host, int port, String database, String username,
		String password, List<X509Certificate> trustedCertificates) {

	/** The service name of PostgreSQL on SAP BTP, hyperscaler option. */
	public static final String SERVICE = "postgresql-db";

	/** The servicebinding.io type of PostgreSQL bindings. */
	public static final String SERVICE_BINDING_TYPE = "postgresql";

	/** The PostgreSQL port when a binding names none. */
	public static final int DEFAULT_PORT = 5432;

	public PostgresCredentials {
		trustedCertificates = List.copyOf(trustedCertificates);
	}

	/**
	 * Reads and validates the credentials of a PostgreSQL binding.
	 * @param binding the binding
	 * @return the credentials
	 * @throws ServiceBindingException when a field is missing or invalid
	 */
	public static PostgresCredentials from(ServiceBinding binding) {
		CredentialFields fields = new CredentialFields(binding);
		URI uri = uri(fields);
		String host = first(fields, "hostname", "host");
		if (host == null && uri != null) {
			host = uri.getHost();
		}
		int port = fields.port("port");
		if (port == 0 && uri != null && uri.getPort() > 0) {
			port = uri.getPort();
		}
		String database = first(fields, "dbname", "database");
		if (database == null && uri != null && uri.getPath() != null && uri.getPath().length() > 1) {
			database = uri.getPath().substring(1);
		}
		String[] userInfo = userInfo(uri);
		String username = first(fields, "username", "user");
		String password = fields.optional("password");
		return new PostgresCredentials(binding.name(), required(fields, host, "hostname"),
				(port != 0) ? port : DEFAULT_PORT, required(fields, database, "dbname"),
				required(fields, (username != null) ? username : userInfo[0], "username"),
				required(fields, (password != null) ? password : userInfo[1], "password"),
				fields.certificates("sslrootcert", "sslcert"));
	}

	/** Shows everything but the password. */
	@Override
	public String toString() {
		return "PostgresCredentials[bindingName=" + this.bindingName + ", host=" + this.host + ", port=" + this.port
				+ ", database=" + this.database + ", username=" + this.username + ", trustedCertificates="
				+ this.trustedCertificates.stream().map((c) -> c.getSubjectX500Principal().getName()).toList() + "]";
	}

	private static String first(CredentialFields fields, String... names) {
		String field = fields.firstPresent(names);
		return (field != null) ? fields.optional(field) : null;
	}

	private static String required(CredentialFields fields, String value, String field) {
		if (value == null || value.isBlank()) {
			throw fields.invalidField(field, "missing (and not in 'uri')");
		}
		return value;
	}

	/** {@code uri} ({@code postgres://user:password@host:port/database}), when present. */
	private static URI uri(CredentialFields fields) {
		String value = fields.optional("uri");
		if (value == null) {
			return null;
		}
		try {
			URI uri = URI.create(value);
			if (uri.getHost() == null) {
				throw fields.invalidField("uri", "is not a URL with a host");
			}
			return uri;
		}
		catch (IllegalArgumentException ex) {
			// the message of URISyntaxException quotes the value, password included
			throw fields.invalidField("uri", "is not a valid URL");
		}
	}

	private static String[] userInfo(URI uri) {
		String userInfo = (uri != null) ? uri.getRawUserInfo() : null;
		if (userInfo == null) {
			return new String[2];
		}
		int colon = userInfo.indexOf(':');
		return (colon < 0) ? new String[] { decode(userInfo), null }
				: new String[] { decode(userInfo.substring(0, colon)), decode(userInfo.substring(colon + 1)) };
	}

	private static String decode(String text) {
		return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
	}

}
