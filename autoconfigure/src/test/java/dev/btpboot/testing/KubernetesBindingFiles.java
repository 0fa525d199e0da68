package dev.btpboot.testing;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The files of Kubernetes bindings as the platform mounts them: the SAP BTP service operator
 * layout (a {@code .metadata} file describes the entries) and the servicebinding.io layout
 * ({@code type}, {@code provider}, one file per entry). Mount them with {@link KubeletSecretVolume}.
 */
public final class KubernetesBindingFiles {

	private static final String XSUAA_METADATA = """
			{"metaDataProperties":[{"name":"instance_name","format":"text"},{"name":"label","format":"text"},\
			{"name":"plan","format":"text"},{"name":"type","format":"text"},{"name":"tags","format":"json"}],\
			"credentialProperties":[{"name":"clientid","format":"text"},{"name":"credential-type","format":"text"},\
			{"name":"certificate","format":"text"},{"name":"key","format":"text"},{"name":"certurl","format":"text"},\
			{"name":"url","format":"text"},{"name":"uaadomain","format":"text"},{"name":"xsappname","format":"text"},\
			{"name":"identityzone","format":"text"}]}""";

	private KubernetesBindingFiles() {
	}

	/**
	 * @param certificate the client certificate and key ({@code X509_GENERATED})
	 * @param certUrl the mTLS token service
	 * @return an xsuaa binding in the SAP BTP service operator layout
	 */
	public static Map<String, String> operatorXsuaaX509(TestCertificates.Issued certificate, String certUrl) {
		Map<String, String> files = new LinkedHashMap<>();
		files.put(".metadata", XSUAA_METADATA);
		files.put("instance_name", "bookshop-uaa");
		files.put("label", "xsuaa");
		files.put("plan", "application");
		files.put("type", "xsuaa");
		files.put("tags", "[\"xsuaa\"]");
		files.put("clientid", "sb-bookshop!t12345");
		files.put("credential-type", "x509");
		files.put("certificate", certificate.certificatePem());
		files.put("key", certificate.privateKeyPem());
		files.put("certurl", certUrl);
		files.put("url", "https://acme.authentication.localtest");
		files.put("uaadomain", "authentication.localtest");
		files.put("xsappname", "bookshop!t12345");
		files.put("identityzone", "acme");
		return files;
	}

	/**
	 * @param certificate the client certificate and key ({@code X509_GENERATED})
	 * @param url the token service (IAS tenant)
	 * @return an identity binding in the servicebinding.io layout
	 */
	public static Map<String, String> serviceBindingIoIdentityX509(TestCertificates.Issued certificate, String url) {
		Map<String, String> files = serviceBindingIoIdentity(url);
		files.put("credential-type", "X509_GENERATED");
		files.put("certificate", certificate.certificatePem());
		files.put("key", certificate.privateKeyPem());
		return files;
	}

	/**
	 * @param clientSecret the client secret
	 * @param url the token service (IAS tenant)
	 * @return an identity binding with a client secret in the servicebinding.io layout
	 */
	public static Map<String, String> serviceBindingIoIdentitySecret(String clientSecret, String url) {
		Map<String, String> files = serviceBindingIoIdentity(url);
		files.put("credential-type", "SECRET");
		files.put("clientsecret", clientSecret);
		return files;
	}

	private static Map<String, String> serviceBindingIoIdentity(String url) {
		Map<String, String> files = new LinkedHashMap<>();
		files.put("type", "identity");
		files.put("provider", "sap");
		files.put("clientid", "ias-client-4711");
		files.put("url", url);
		files.put("domains", "localhost");
		return files;
	}

}
