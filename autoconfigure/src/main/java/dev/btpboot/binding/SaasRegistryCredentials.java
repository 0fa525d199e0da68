package dev.btpboot.binding;

import java.net.URI;

/**
 * Credentials of a {@code saas-registry} binding (SAP SaaS Provisioning service, plan
 * {@code application}): the XSUAA client that calls the registry's API and its asynchronous
 * subscription callbacks, and where the registry is.
 *
 * @param bindingName the binding name
 * @param clientId {@code clientid}
 * @param authentication {@code clientsecret}, or {@code certificate} + {@code key}
 * @param url {@code url}: the XSUAA token service of the provider's subaccount
 * @param certUrl {@code certurl}: the mTLS token service, or {@code null}
 * @param saasRegistryUrl {@code saas_registry_url}: the registry's API
 * @param appName {@code appName}: the application's name in the registry, or {@code null}
 * @param identityZone {@code identityzone}: the subdomain of the provider's tenant, or {@code null}
 * @param tenantId {@code tenantid}, else {@code zoneid}, else {@code identityzoneid}: the id of the
 *        provider's tenant, or {@code null}
 */
public record SaasRegistryCredentials(String bindingName, String clientId, ClientAuthentication authentication,
		URI url, URI certUrl, URI saasRegistryUrl, String appName, String identityZone, String tenantId)
		implements OAuthClientCredentials {

	/** The service name of SaaS Provisioning bindings. */
	public static final String SERVICE = "saas-registry";

	/**
	 * Reads and validates the credentials of a saas-registry binding.
	 * @param binding the binding
	 * @return the credentials
	 * @throws ServiceBindingException when a field is missing or invalid
	 */
	public static SaasRegistryCredentials from(ServiceBinding binding) {
		CredentialFields fields = new CredentialFields(binding);
		ClientAuthentication authentication = fields.authentication();
		return new SaasRegistryCredentials(binding.name(), fields.required("clientid"), authentication,
				fields.url("url"), fields.certUrl(authentication), fields.url("saas_registry_url"),
				fields.optional("appName"), fields.optional("identityzone"), fields.ownTenantId());
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
