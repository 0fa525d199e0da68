package dev.btpboot.binding;

import java.net.URI;

/**
 * Credentials of a {@code connectivity} binding: the OAuth client that gets tokens for the
 * connectivity proxy, and the proxy's address.
 *
 * @param bindingName the binding name
 * @param clientId {@code clientid}
 * @param authentication {@code clientsecret}, or {@code certificate} + {@code key}
 * @param tokenServiceUrl {@code token_service_url}, else {@code url}; for X.509,
 *        {@code certurl} when present
 * @param proxyHost {@code onpremise_proxy_host}, or {@code null} (Kubernetes bindings may omit it)
 * @param proxyHttpPort {@code onpremise_proxy_http_port}, else {@code onpremise_proxy_port}, or
 *        {@code 0} when absent
 * @param proxySocks5Port {@code onpremise_socks5_proxy_port}, or {@code 0} when absent
 * @param identityZone {@code identityzone}: the subdomain of the binding's own tenant, or {@code null}
 * @param tenantId {@code tenantid}, else {@code zoneid}, else {@code identityzoneid}: the id of the
 *        binding's own tenant, or {@code null}
 */
public record ConnectivityCredentials(String bindingName, String clientId, ClientAuthentication authentication,
		URI tokenServiceUrl, String proxyHost, int proxyHttpPort, int proxySocks5Port, String identityZone,
		String tenantId) implements OAuthClientCredentials {

	/** The service name of connectivity bindings. */
	public static final String SERVICE = "connectivity";

	/**
	 * Reads and validates the credentials of a connectivity binding. Ports arrive as strings.
	 * @param binding the binding
	 * @return the credentials
	 * @throws ServiceBindingException when a field is missing or invalid
	 */
	public static ConnectivityCredentials from(ServiceBinding binding) {
		CredentialFields fields = new CredentialFields(binding);
		ClientAuthentication authentication = fields.authentication();
		URI certUrl = (authentication instanceof X509Identity && fields.optional("certurl") != null)
				? fields.url("certurl") : null;
		URI tokenServiceUrl = CredentialFields.tokenServiceUrl(authentication, certUrl,
				() -> fields.url("token_service_url", "url"));
		return new ConnectivityCredentials(binding.name(), fields.required("clientid"), authentication,
				tokenServiceUrl, fields.optional("onpremise_proxy_host"),
				fields.port("onpremise_proxy_http_port", "onpremise_proxy_port"),
				fields.port("onpremise_socks5_proxy_port"), fields.optional("identityzone"), fields.ownTenantId());
	}

	@Override
	public String service() {
		return SERVICE;
	}

	@Override
	public boolean xsuaaIssued() {
		return true;
	}

}
