package dev.btpboot.security;

import java.io.Serializable;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A tenant of a multitenant application, as the starter addresses it: by its id (its zone id:
 * XSUAA {@code zid}, IAS {@code app_tid}, the subaccount's tenant id), with its subdomain and IAS
 * host when they are known. The current user's tenant ({@link BtpUser#tenantDetails()}) travels
 * with the security context; tokens, connectivity and destinations follow it. A user's token fills
 * it; for technical work on a tenant's behalf ({@code runAs}), the subscription does.
 *
 * @param id the tenant id
 * @param subdomain the tenant's subdomain, or {@code null} when unknown (IAS users have none)
 * @param iasHost the host of the tenant's SAP Cloud Identity Services tenant, with its port, if
 *        any, or {@code null} when unknown (XSUAA users)
 */
public record Tenant(String id, String subdomain, String iasHost) implements Serializable {

	private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

	public Tenant {
		Objects.requireNonNull(id, "id");
		subdomain = blankToNull(subdomain);
		iasHost = blankToNull(iasHost);
	}

	/**
	 * @param text a text
	 * @return whether it may be a tenant id: letters, digits, {@code .}, {@code _} and {@code -}, up
	 * to 128 characters, as zone ids and tenant names are (nothing that could break a header, a
	 * path or a log line)
	 */
	public static boolean isId(String text) {
		return text != null && ID.matcher(text).matches();
	}

	/**
	 * @param user a user, or {@code null}
	 * @return the user's tenant, or empty when there is no user or it has no tenant id
	 */
	public static Optional<Tenant> of(BtpUser user) {
		return (user != null && user.tenant() != null && !user.tenant().isBlank())
				? Optional.of(new Tenant(user.tenant(), user.subdomain(), user.iasHost())) : Optional.empty();
	}

	/** @return the tenant of the current thread's user ({@link CurrentUser}), if it has one */
	public static Optional<Tenant> current() {
		return CurrentUser.get().flatMap(Tenant::of);
	}

	private static String blankToNull(String value) {
		return (value != null && !value.isBlank()) ? value : null;
	}

}
