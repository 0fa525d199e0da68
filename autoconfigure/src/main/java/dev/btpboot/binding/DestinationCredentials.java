package dev.btpboot.binding;

import java.net.URI;

/**
 * Credentials of a {@code destination} binding.
 *
 * @param bindingName the binding name
 * @param clientId {@code clientid}
 * @param authentication {@code clientsecret}, or {@code certificate} + {@code key}
 * @param url {@code url}: the XSUAA token service
 * @param certUrl {@code certurl}: the mTLS token service, or {@code null}
 * @param uri {@code uri}: the destination service REST API
 * @param identityZone {@code identityzone}: the subdomain of the binding's own tenant, or {@code null}
 * @param tenantId {@code tenantid}, else {@code zoneid}, else {@code identityzoneid}: the id of the
 *        binding's own tenant, or {@code null}
 */
public record DestinationCredentials(String bindingName, String clientId, ClientAuthentication authentication,
		URI url, URI certUrl, URI uri, String identityZone, String tenantId) implements OAuthClientCredentials {

	/** The service name of destination bindings. */
	public static final String SERVICE = "destination";

	/**
	 * Reads and validates the credentials of a destination binding.
	 * @param binding the binding
	 * @return the credentials
	 * @throws ServiceBindingException when a field is missing or invalid
	 */
	public static DestinationCredentials from(ServiceBinding binding) {
		CredentialFields fields = new CredentialFields(binding);
		ClientAuthentication authentication = fields.authentication();
		return new DestinationCredentials(binding.name(), fields.required("clientid"), authentication,
				fields.url("url"), fields.certUrl(authentication),
				fields.url("uri"), fields.optional("identityzone"), fields.ownTenantId());
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
