package dev.btpboot.binding;

import java.net.URI;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * The OpenTelemetry credentials of a {@code cloud-logging} (SAP Cloud Logging) binding: the
 * OTLP/gRPC endpoint and the mutual TLS material to reach it. Present once OTLP ingestion is
 * enabled on the service instance ({@code "ingest_otlp": {"enabled": true}}).
 *
 * @param bindingName the binding name
 * @param endpoint {@code ingest-otlp-endpoint} ({@code host:443}, no scheme) as an {@code https} URL
 * @param identity {@code ingest-otlp-cert} and {@code ingest-otlp-key} (PKCS#8)
 * @param serverCa {@code server-ca}: the CA certificates the endpoint's server certificate chains to
 */
public record CloudLoggingCredentials(String bindingName, URI endpoint, X509Identity identity,
		List<X509Certificate> serverCa) {

	/** The service name of SAP Cloud Logging bindings. */
	public static final String SERVICE = "cloud-logging";

	static final String ENDPOINT = "ingest-otlp-endpoint";

	static final String CERTIFICATE = "ingest-otlp-cert";

	static final String KEY = "ingest-otlp-key";

	static final String SERVER_CA = "server-ca";

	public CloudLoggingCredentials {
		serverCa = List.copyOf(serverCa);
	}

	/**
	 * Reads and validates the OTLP credentials of a cloud-logging binding.
	 * @param binding the binding
	 * @return the credentials
	 * @throws ServiceBindingException when a field is missing or malformed; the message names the
	 * field, never its value
	 */
	public static CloudLoggingCredentials from(ServiceBinding binding) {
		CredentialFields fields = new CredentialFields(binding);
		String action = "Enable OTLP ingestion on the SAP Cloud Logging instance ({\"ingest_otlp\": {\"enabled\": true}}) "
				+ "and re-create binding '" + binding.name() + "', or set btp.observability.enabled=false.";
		if (fields.optional(ENDPOINT) == null) {
			throw new ServiceBindingException(binding.source(), binding.name(), ENDPOINT, "missing", action);
		}
		URI endpoint = fields.url(ENDPOINT);
		String certificate = fields.required(CERTIFICATE);
		String key = fields.required(KEY);
		X509Identity identity;
		try {
			identity = X509Identity.fromPem(certificate, key);
		}
		catch (X509Identity.InvalidPem ex) {
			String field = X509Identity.InvalidPem.KEY.equals(ex.part()) ? KEY : CERTIFICATE;
			throw new ServiceBindingException(binding.source(), binding.name(), field, ex.getMessage(), action);
		}
		List<X509Certificate> serverCa;
		try {
			serverCa = PemDecoder.certificates(fields.required(SERVER_CA));
		}
		catch (IllegalArgumentException ex) {
			throw new ServiceBindingException(binding.source(), binding.name(), SERVER_CA, ex.getMessage(), action);
		}
		return new CloudLoggingCredentials(binding.name(), endpoint, identity, serverCa);
	}

	/** Shows the binding, endpoint and client certificate subject, never the key. */
	@Override
	public String toString() {
		return "CloudLoggingCredentials[bindingName=" + this.bindingName + ", endpoint=" + this.endpoint
				+ ", identity=" + this.identity + "]";
	}

}
