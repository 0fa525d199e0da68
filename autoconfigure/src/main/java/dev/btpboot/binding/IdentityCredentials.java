package dev.btpboot.binding;

import java.net.URI;
import java.util.List;
import java.util.Locale;

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

	/**
	 * Whether a URL is one of the identity tenants this binding trusts: its own {@link #url()}
	 * (scheme, host and port), or a host that is a subdomain of one of its {@link #domains()} (a
	 * subscriber's tenant, such as {@code subscriber.accounts.ondemand.com}). The one rule for the
	 * issuers whose tokens are accepted and the hosts the binding's client may ask for tokens.
	 * @param url a URL with a host
	 * @return whether the binding trusts it
	 */
	public boolean trusts(URI url) {
		String host = url.getHost();
		if (host == null) {
			return false;
		}
		if (url.getScheme() != null && url.getScheme().equalsIgnoreCase(this.url.getScheme())
				&& host.equalsIgnoreCase(this.url.getHost()) && url.getPort() == this.url.getPort()) {
			return true;
		}
		String lowerHost = host.toLowerCase(Locale.ROOT);
		return this.domains.stream().anyMatch((domain) -> lowerHost.endsWith("." + domain.toLowerCase(Locale.ROOT)));
	}

	/** @return the {@link #appTenantId()}: IAS knows the application's tenant by it */
	@Override
	public String tenantId() {
		return this.appTenantId;
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
