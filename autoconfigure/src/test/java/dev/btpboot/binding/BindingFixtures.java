package dev.btpboot.binding;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.btpboot.testing.TestCertificates;
import tools.jackson.databind.json.JsonMapper;

/**
 * Realistic bindings as SAP BTP hands them out, with known secret values that tests look for in
 * messages and logs (they must never appear there).
 */
final class BindingFixtures {

	static final String XSUAA_SECRET = "xsuaa-S3cr3t-value-0001";

	static final String CONNECTIVITY_SECRET = "connectivity-S3cr3t-value-0002";

	static final String DESTINATION_SECRET = "destination-S3cr3t-value-0003";

	static final TestCertificates.Issued XSUAA_CERT = TestCertificates.selfSignedRsa("xsuaa-client");

	static final TestCertificates.Issued IDENTITY_CERT = TestCertificates.selfSignedEc("ias-client");

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private BindingFixtures() {
	}

	static Map<String, Object> xsuaaSecretCredentials() {
		Map<String, Object> credentials = new LinkedHashMap<>();
		credentials.put("tenantmode", "dedicated");
		credentials.put("sburl", "https://internal-xsuaa.authentication.eu10.hana.ondemand.com");
		credentials.put("subaccountid", "2f3e0a5c-6f6e-4d57-9a43-1a6e2b7a2c10");
		credentials.put("credential-type", "binding-secret");
		credentials.put("clientid", "sb-bookshop!t12345");
		credentials.put("xsappname", "bookshop!t12345");
		credentials.put("clientsecret", XSUAA_SECRET);
		credentials.put("serviceInstanceId", "a61a5a2e-4b0f-4a8c-9d0e-0f6c8e5f1b2a");
		credentials.put("url", "https://acme.authentication.eu10.hana.ondemand.com");
		credentials.put("uaadomain", "authentication.eu10.hana.ondemand.com");
		credentials.put("verificationkey", "-----BEGIN PUBLIC KEY-----MIIBIjANBgkq-----END PUBLIC KEY-----");
		credentials.put("apiurl", "https://api.authentication.eu10.hana.ondemand.com");
		credentials.put("identityzone", "acme");
		credentials.put("identityzoneid", "7b2f0e3c-1f0a-4a60-8e4c-5d6f7a8b9c0d");
		credentials.put("tenantid", "7b2f0e3c-1f0a-4a60-8e4c-5d6f7a8b9c0d");
		credentials.put("zoneid", "7b2f0e3c-1f0a-4a60-8e4c-5d6f7a8b9c0d");
		return credentials;
	}

	static Map<String, Object> xsuaaX509Credentials() {
		Map<String, Object> credentials = xsuaaSecretCredentials();
		credentials.remove("clientsecret");
		credentials.put("credential-type", "x509");
		credentials.put("certificate", XSUAA_CERT.certificatePem());
		credentials.put("key", XSUAA_CERT.privateKeyPem());
		credentials.put("certurl", "https://acme.authentication.cert.eu10.hana.ondemand.com");
		return credentials;
	}

	static Map<String, Object> identityCredentials() {
		Map<String, Object> credentials = new LinkedHashMap<>();
		credentials.put("clientid", "0c3b5a0e-7b71-4d0a-a6a8-6f0f2d1e3c4b");
		credentials.put("credential-type", "X509_GENERATED");
		credentials.put("certificate", IDENTITY_CERT.certificatePem());
		credentials.put("key", IDENTITY_CERT.privateKeyPem());
		credentials.put("url", "https://acme.accounts.ondemand.com");
		credentials.put("domains", List.of("accounts.ondemand.com", "accounts400.ondemand.com"));
		credentials.put("app_tid", "d6f0b7a2-6c0e-4a9a-8f3b-1e2d3c4b5a69");
		credentials.put("authorization_endpoint", "https://acme.accounts.ondemand.com/oauth2/authorize");
		credentials.put("token_endpoint", "https://acme.accounts.ondemand.com/oauth2/token");
		return credentials;
	}

	static Map<String, Object> connectivityCredentials() {
		Map<String, Object> credentials = new LinkedHashMap<>();
		credentials.put("clientid", "sb-clone-connectivity!b1234|connectivity!b17");
		credentials.put("clientsecret", CONNECTIVITY_SECRET);
		credentials.put("url", "https://acme.authentication.eu10.hana.ondemand.com");
		credentials.put("token_service_url", "https://acme.authentication.eu10.hana.ondemand.com");
		credentials.put("token_service_domain", "authentication.eu10.hana.ondemand.com");
		credentials.put("onpremise_proxy_host", "connectivityproxy.internal.cf.eu10.hana.ondemand.com");
		credentials.put("onpremise_proxy_port", "20003");
		credentials.put("onpremise_proxy_http_port", "20003");
		credentials.put("onpremise_proxy_ldap_port", "20001");
		credentials.put("onpremise_proxy_rfc_port", "20001");
		credentials.put("onpremise_socks5_proxy_port", "20004");
		credentials.put("xsappname", "clone-connectivity!b1234|connectivity!b17");
		credentials.put("uaadomain", "authentication.eu10.hana.ondemand.com");
		credentials.put("identityzone", "acme");
		credentials.put("tenantmode", "dedicated");
		return credentials;
	}

	static Map<String, Object> destinationCredentials() {
		Map<String, Object> credentials = new LinkedHashMap<>();
		credentials.put("clientid", "sb-clone-destination!b1234|destination-xsappname!b9");
		credentials.put("clientsecret", DESTINATION_SECRET);
		credentials.put("url", "https://acme.authentication.eu10.hana.ondemand.com");
		credentials.put("uri", "https://destination-configuration.cfapps.eu10.hana.ondemand.com");
		credentials.put("uaadomain", "authentication.eu10.hana.ondemand.com");
		credentials.put("xsappname", "clone-destination!b1234|destination-xsappname!b9");
		credentials.put("identityzone", "acme");
		credentials.put("tenantmode", "dedicated");
		return credentials;
	}

	/** One VCAP_SERVICES entry. */
	static Map<String, Object> vcapEntry(String label, String name, String plan, List<String> tags,
			Map<String, Object> credentials) {
		Map<String, Object> entry = new LinkedHashMap<>();
		entry.put("label", label);
		entry.put("provider", null);
		entry.put("plan", plan);
		entry.put("name", name);
		entry.put("tags", tags);
		entry.put("instance_name", name);
		entry.put("binding_name", null);
		entry.put("credentials", credentials);
		entry.put("syslog_drain_url", null);
		entry.put("volume_mounts", List.of());
		return entry;
	}

	/** VCAP_SERVICES with one binding of each service this starter knows. */
	static String allServicesVcap() {
		return vcap(vcapEntry("xsuaa", "bookshop-uaa", "application", List.of("xsuaa"), xsuaaSecretCredentials()),
				vcapEntry("identity", "bookshop-ias", "application", List.of(), identityCredentials()),
				vcapEntry("connectivity", "bookshop-connectivity", "lite", List.of("connectivity", "conn", "connsvc"),
						connectivityCredentials()),
				vcapEntry("destination", "bookshop-destination", "lite", List.of("destination", "conn", "connsvc"),
						destinationCredentials()));
	}

	/** VCAP_SERVICES JSON for the entries, grouped by label as Cloud Foundry does. */
	@SafeVarargs
	static String vcap(Map<String, Object>... entries) {
		Map<String, List<Map<String, Object>>> byLabel = new LinkedHashMap<>();
		for (Map<String, Object> entry : entries) {
			byLabel.computeIfAbsent((String) entry.get("label"), (label) -> new java.util.ArrayList<>()).add(entry);
		}
		return JSON.writeValueAsString(byLabel);
	}

	static String json(Object value) {
		return JSON.writeValueAsString(value);
	}

}
