package dev.btpboot.binding;

import java.net.URI;

/**
 * Credentials of an OAuth client that a service binding carries: who the client is, how it
 * authenticates and where it gets its tokens.
 */
public interface OAuthClientCredentials {

	/** @return the service name ({@code xsuaa}, {@code identity}, ...) */
	String service();

	/** @return the name of the binding these credentials came from */
	String bindingName();

	/** @return the OAuth client id */
	String clientId();

	/** @return a client secret or an X.509 identity */
	ClientAuthentication authentication();

	/**
	 * The base URL of the token service to call with this client's authentication: the
	 * {@code certurl} for X.509 XSUAA credentials, the {@code url} otherwise.
	 * @return the base URL, without the token path
	 */
	URI tokenServiceUrl();

	/**
	 * Whether XSUAA issues the tokens of this client ({@code /oauth/token}, tenants by subdomain),
	 * as opposed to SAP Cloud Identity Services ({@code /oauth2/token}).
	 * @return {@code true} for xsuaa, connectivity and destination credentials
	 */
	boolean xsuaaIssued();

	/**
	 * The id of the binding's own tenant: the identity zone its client lives in ({@code tenantid},
	 * {@code zoneid} or {@code identityzoneid} of XSUAA-issued clients, {@code app_tid} of IAS).
	 * Tokens for this tenant are requested as the binding's own; any other tenant is addressed by
	 * its id.
	 * @return the id, or {@code null} when the binding names none
	 */
	default String tenantId() {
		return null;
	}

	/**
	 * The subdomain of the binding's own tenant ({@code identityzone} of XSUAA-issued clients).
	 * @return the subdomain, or {@code null} when the binding names none
	 */
	default String identityZone() {
		return null;
	}

	/** @return the full token endpoint */
	default URI tokenEndpoint() {
		String base = tokenServiceUrl().toString();
		return URI.create((base.endsWith("/") ? base.substring(0, base.length() - 1) : base)
				+ (xsuaaIssued() ? "/oauth/token" : "/oauth2/token"));
	}

}
