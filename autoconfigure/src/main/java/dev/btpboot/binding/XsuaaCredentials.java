package dev.btpboot.binding;

import java.net.URI;

/**
 * Credentials of an {@code xsuaa} binding (SAP Authorization and Trust Management).
 *
 * @param bindingName the binding name
 * @param clientId {@code clientid}
 * @param authentication {@code clientsecret}, or {@code certificate} + {@code key}
 * @param url {@code url}: the token service of the binding's own subaccount
 * @param uaaDomain {@code uaadomain}: the domain whose {@code token_keys} sign user tokens
 * @param xsAppName {@code xsappname}: prefix of the application's scopes
 * @param certUrl {@code certurl}: the mTLS token service, or {@code null} for secret bindings
 * @param identityZone {@code identityzone}: the subdomain of the binding's own tenant, or {@code null}
 * @param tenantId {@code tenantid}, else {@code zoneid}, else {@code identityzoneid}: the id of the
 *        binding's own tenant, or {@code null}
 */
public record XsuaaCredentials(String bindingName, String clientId, ClientAuthentication authentication, URI url,
		String uaaDomain, String xsAppName, URI certUrl, String identityZone, String tenantId)
		implements OAuthClientCredentials {

	/** The service name of XSUAA bindings. */
	public static final String SERVICE = "xsuaa";

	/**
	 * Reads and validates the credentials of an xsuaa binding.
	 * @param binding the binding
	 * @return the credentials
	 * @throws ServiceBindingException when a field is missing or invalid
	 */
	public static XsuaaCredentials from(ServiceBinding binding) {
		CredentialFields fields = new CredentialFields(binding);
		ClientAuthentication authentication = fields.authentication();
		return new XsuaaCredentials(binding.name(), fields.required("clientid"), authentication,
				fields.url("url"), fields.required("uaadomain"),
				fields.required("xsappname"), fields.certUrl(authentication), fields.optional("identityzone"),
				fields.ownTenantId());
	}

	@Override
	public String service() {
		return SERVICE;
	}

	@Override
	public URI tokenServiceUrl() {
		return CredentialFields.tokenServiceUrl(this.authentication, this.certUrl, this::url);
	}

	@Override
	public boolean xsuaaIssued() {
		return true;
	}

}
