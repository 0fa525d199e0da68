package dev.btpboot.destination;

import java.util.List;
import java.util.Map;

/**
 * A destination of {@code Type} {@code LDAP} ({@code ldap.url}, {@code ldap.user},
 * {@code ldap.password}, {@code ldap.authentication}); its proxy type and location id come from
 * {@code ldap.proxyType} and {@code ldap.cloudConnectorLocationId} when set.
 */
public final class LdapDestination extends Destination {

	private final String url;

	LdapDestination(Map<String, String> properties, List<AuthToken> authTokens,
			List<DestinationCertificate> certificates, DestinationLevel level) {
		super(properties, authTokens, certificates, level, "ldap.");
		this.url = required("ldap.url");
		if (!this.url.startsWith("ldap://") && !this.url.startsWith("ldaps://")) {
			throw new IllegalArgumentException("property 'ldap.url' is not an ldap:// or ldaps:// URL");
		}
	}

	@Override
	public String type() {
		return "LDAP";
	}

	/** @return {@code ldap.url}, such as {@code ldap://ldap.virtual:389} */
	public String url() {
		return this.url;
	}

	/** @return {@code ldap.user}: the bind DN, or {@code null} */
	public String user() {
		return first("ldap.user");
	}

	/** @return {@code ldap.password}, or {@code null} */
	public String password() {
		return first("ldap.password");
	}

	/** @return {@code ldap.authentication}, such as {@code BasicAuthentication}, or {@code null} */
	public String authentication() {
		return first("ldap.authentication");
	}

}
