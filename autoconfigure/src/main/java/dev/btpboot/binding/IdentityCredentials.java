package dev.btpboot.binding;

import java.net.URI;
import java.util.List;

/**
 * Credentials of an {@code identity} binding (SAP Cloud Identity Services, IAS).
 *
 * @param bindingName the binding name
 * @param clientId {@code clientid}
 * @param authentication {@code clientsecret}, or {@code certificate} + {@code key}
 *        ({@code credential-type: X509_GENERATED})
 * @param url {@code url}: the IAS tenant, issuer of its tokens and home of {@code /oauth2/token}
 * @param domains {@code domains}: the domains whose subdomains may issue tokens for the app
 * @param appTenantId {@code app_tid}, or {@code null}
 */
public record IdentityCredentials(String bindingName, String clientId, ClientAuthentication authentication, URI url,
		List<String> domains, String appTenantId) implements OAuthClientCredentials {

	/** The service name of SAP Cloud Identity Services bindings. */
	public static final String SERVICE = "identity";

	public IdentityCredentials {
		domains = List.copyOf(domains);
	}

	/**
	 * Reads and validates the credentials of an identity binding.
	 * @param binding the binding
	 * @return the credentials
	 * @throws ServiceBindingException when a field is missing or invalid
	 */
	public static IdentityCredentials from(ServiceBinding binding) {
		CredentialFields fields = new CredentialFields(binding);
		return new IdentityCredentials(binding.name(), fields.required("clientid"), fields.authentication(),
				fields.url("url"), fields.list("domains"), fields.optional("app_tid"));
	}

	@Override
	public String service() {
		return SERVICE;
	}

	@Override
	public URI tokenServiceUrl() {
		return this.url;
	}

	@Override
	public boolean xsuaaIssued() {
		return false;
	}

}
