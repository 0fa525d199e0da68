package dev.btpboot.data;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

import dev.btpboot.binding.HanaCredentials;
import dev.btpboot.binding.PostgresCredentials;

/**
 * The JDBC URLs of bound databases: always encrypted, the server's certificate always checked
 * (against the binding's CA when it has one, else the JDK's trust store) and, for PostgreSQL,
 * its host name too. Never carries a user or password: those go to the pool separately.
 */
final class JdbcUrls {

	/** PgJDBC's factory that trusts the JDK's trust store. */
	static final String JDK_TRUST_FACTORY = "org.postgresql.ssl.DefaultJavaSSLFactory";

	/** The driver of SAP HANA ({@code com.sap.cloud.db.jdbc:ngdbc}). */
	static final String HANA_DRIVER = "com.sap.db.jdbc.Driver";

	private JdbcUrls() {
	}

	/**
	 * {@code jdbc:postgresql://host:port/database?sslmode=verify-full&sslfactory=...}: TLS with
	 * host name verification; the binding's CA certificates are handed to the driver inline, so no
	 * file is needed.
	 * @param credentials the binding's credentials
	 * @return the URL
	 */
	static String postgres(PostgresCredentials credentials) {
		String host = credentials.host();
		if (host.indexOf(':') >= 0 && !host.startsWith("[")) {
			host = "[" + host + "]";
		}
		StringBuilder url = new StringBuilder("jdbc:postgresql://").append(host)
			.append(':')
			.append(credentials.port())
			.append('/')
			.append(encode(credentials.database()))
			.append("?sslmode=verify-full");
		if (credentials.trustedCertificates().isEmpty()) {
			url.append("&sslfactory=").append(JDK_TRUST_FACTORY);
		}
		else {
			url.append("&sslfactory=")
				.append(PemTrustSocketFactory.class.getName())
				.append("&sslfactoryarg=")
				.append(encode(pem(credentials.trustedCertificates(), "\n")));
		}
		return url.toString();
	}

	/**
	 * The binding's {@code url} as given (it carries {@code currentschema}), else one built from
	 * {@code host}, {@code port} and {@code schema}; {@code encrypt=true} and
	 * {@code validateCertificate=true} whatever the binding says, and the binding's certificates as
	 * {@code sslTrustStore} (PEM inline) when it has any.
	 * @param credentials the binding's credentials
	 * @return the URL
	 */
	static String hana(HanaCredentials credentials) {
		String url = credentials.url();
		if (url == null) {
			url = "jdbc:sap://" + credentials.host() + ":" + credentials.port()
					+ ((credentials.schema() != null) ? "?currentschema=" + credentials.schema() : "");
		}
		int query = url.indexOf('?');
		String base = (query < 0) ? url : url.substring(0, query);
		List<String> parameters = new ArrayList<>();
		if (query >= 0) {
			for (String parameter : url.substring(query + 1).split("&")) {
				String name = parameter.contains("=") ? parameter.substring(0, parameter.indexOf('=')) : parameter;
				String key = name.toLowerCase(Locale.ROOT);
				if (!parameter.isEmpty() && !key.equals("encrypt") && !key.equals("validatecertificate")
						&& !key.equals("ssltruststore") && !key.equals("truststore")) {
					parameters.add(parameter);
				}
			}
		}
		parameters.add(0, "validateCertificate=true");
		parameters.add(0, "encrypt=true");
		if (!credentials.trustedCertificates().isEmpty()) {
			// the driver reads the value as it stands: the PEM on one line
			parameters.add("sslTrustStore=" + pem(credentials.trustedCertificates(), ""));
		}
		return base + "?" + String.join("&", parameters);
	}

	/** @return the driver class a binding names, else the one of its URL */
	static String hanaDriver(HanaCredentials credentials) {
		return (credentials.driver() != null) ? credentials.driver() : HANA_DRIVER;
	}

	private static String pem(List<X509Certificate> certificates, String lineBreak) {
		StringBuilder pem = new StringBuilder();
		Base64.Encoder encoder = lineBreak.isEmpty() ? Base64.getEncoder()
				: Base64.getMimeEncoder(64, lineBreak.getBytes(StandardCharsets.US_ASCII));
		for (X509Certificate certificate : certificates) {
			try {
				pem.append("-----BEGIN CERTIFICATE-----")
					.append(lineBreak)
					.append(encoder.encodeToString(certificate.getEncoded()))
					.append(lineBreak)
					.append("-----END CERTIFICATE-----")
					.append(lineBreak);
			}
			catch (CertificateEncodingException ex) {
				throw new IllegalStateException("A certificate of the binding cannot be encoded", ex);
			}
		}
		return pem.toString();
	}

	private static String encode(String text) {
		return URLEncoder.encode(text, StandardCharsets.UTF_8);
	}

}
