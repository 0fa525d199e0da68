package dev.btpboot.token;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.regex.Pattern;

import dev.btpboot.binding.OAuthClientCredentials;

/**
 * How a tenant is addressed at a token endpoint. By id, as SAP's Cloud SDK does by default: the
 * binding's URL as it is with the header {@code x-zid} (XSUAA-issued clients). By subdomain, the
 * older way: XSUAA serves each tenant (subaccount) under its own subdomain, the first label of the
 * token service host. The binding's own tenant is served at the binding's URL as it is, whatever
 * its host looks like (a custom domain, a local token endpoint).
 */
final class TenantUrls {

	private static final Pattern SUBDOMAIN = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?",
			Pattern.CASE_INSENSITIVE);

	/** Zone ids are GUIDs; mock and test tenants are plain names. Nothing that could break a header. */
	private static final Pattern TENANT_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

	/** The header that names the tenant of an XSUAA token request, as SAP's libraries send it. */
	static final String ZONE_HEADER = "x-zid";

	/** The form parameter that names the tenant of an IAS token request. */
	static final String APP_TENANT_PARAMETER = "app_tid";

	private TenantUrls() {
	}

	/** @return whether the text may be sent as a tenant id */
	static boolean isTenantId(String tenantId) {
		return TENANT_ID.matcher(tenantId).matches();
	}

	/** @throws IllegalArgumentException when the text may not be sent as a tenant id */
	static void requireTenantId(String tenantId) {
		if (!isTenantId(tenantId)) {
			throw new IllegalArgumentException("tenant id '" + tenantId.replaceAll("\\p{Cntrl}", "?")
					+ "' has characters other than letters, digits, '.', '_' and '-'");
		}
	}

	/**
	 * The one rule for "is this the binding's own tenant" by id, for every XSUAA-client binding
	 * and IAS alike: its {@code tenantid}, {@code zoneid} or {@code identityzoneid} (IAS: its
	 * {@code app_tid}), or its {@code identityzone}.
	 * @param credentials a binding's client
	 * @param tenantId a tenant id
	 * @return whether it names the binding's own tenant
	 */
	static boolean isOwnTenantId(OAuthClientCredentials credentials, String tenantId) {
		return tenantId.equalsIgnoreCase(credentials.tenantId()) || tenantId.equalsIgnoreCase(credentials.identityZone());
	}

	/** @return whether the text is a DNS label, as a tenant subdomain must be */
	static boolean isSubdomain(String subdomain) {
		return SUBDOMAIN.matcher(subdomain).matches();
	}

	/** @throws IllegalArgumentException when the text is not a DNS label */
	static void requireSubdomain(String subdomain) {
		if (!isSubdomain(subdomain)) {
			throw new IllegalArgumentException("tenant subdomain '" + subdomain + "' is not a DNS label");
		}
	}

	/**
	 * @param credentials a binding's client
	 * @param subdomain a tenant subdomain
	 * @return whether it is the binding's own tenant: its {@code identityzone} or, for bindings
	 * without one, the first label of its token service host
	 */
	static boolean isOwnTenant(OAuthClientCredentials credentials, String subdomain) {
		if (credentials.identityZone() != null) {
			return credentials.identityZone().equalsIgnoreCase(subdomain);
		}
		String host = credentials.tokenEndpoint().getHost();
		return host != null && host.regionMatches(true, 0, subdomain + ".", 0, subdomain.length() + 1);
	}

	/**
	 * @param credentials a binding's client
	 * @param subdomain a tenant subdomain (a DNS label), or {@code null} for the binding's own tenant
	 * @param grant the grant, to name the request in an error
	 * @return the binding's token endpoint for the binding's own tenant, else that endpoint with the
	 * tenant's subdomain in place of the first host label
	 * @throws TokenRequestException when the tenant cannot be addressed: the host has no subdomain
	 * to swap
	 */
	static URI tokenEndpoint(OAuthClientCredentials credentials, String subdomain, TokenGrant grant) {
		URI endpoint = credentials.tokenEndpoint();
		if (subdomain == null || isOwnTenant(credentials, subdomain)) {
			return endpoint;
		}
		try {
			return withSubdomain(endpoint, subdomain);
		}
		catch (IllegalArgumentException ex) {
			throw TokenRequestException.Target.of(credentials, endpoint, grant).failure(ex.getMessage(), null);
		}
	}

	/**
	 * @param endpoint the binding's token endpoint, such as
	 * {@code https://provider.authentication.eu10.hana.ondemand.com/oauth/token}
	 * @param subdomain a tenant subdomain, such as {@code subscriber}
	 * @return the endpoint with the first host label replaced
	 * @throws IllegalArgumentException when the subdomain is not a DNS label or the host has a
	 * single label or is an IP address
	 */
	static URI withSubdomain(URI endpoint, String subdomain) {
		requireSubdomain(subdomain);
		String host = endpoint.getHost();
		int dot = (host != null) ? host.indexOf('.') : -1;
		if (dot < 0 || host.chars().allMatch((c) -> c == '.' || Character.isDigit(c))) {
			throw new IllegalArgumentException("cannot address tenant '" + subdomain + "' at " + endpoint
					+ ": its host has no subdomain to swap (only the binding's own tenant can be served there)");
		}
		try {
			return new URI(endpoint.getScheme(), endpoint.getUserInfo(), subdomain + host.substring(dot),
					endpoint.getPort(), endpoint.getPath(), endpoint.getQuery(), endpoint.getFragment());
		}
		catch (URISyntaxException ex) {
			throw new IllegalArgumentException("cannot address tenant '" + subdomain + "' at " + endpoint, ex);
		}
	}

}
