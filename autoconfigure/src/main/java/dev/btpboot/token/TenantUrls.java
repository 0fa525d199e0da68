package dev.btpboot.token;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.regex.Pattern;

/**
 * XSUAA serves each tenant (subaccount) under its own subdomain: the first label of the token
 * service host is the tenant's subdomain.
 */
final class TenantUrls {

	private static final Pattern SUBDOMAIN = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?",
			Pattern.CASE_INSENSITIVE);

	private TenantUrls() {
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
			throw new IllegalArgumentException(
					"cannot address tenant '" + subdomain + "' at " + endpoint + ": its host has no subdomain to swap");
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
