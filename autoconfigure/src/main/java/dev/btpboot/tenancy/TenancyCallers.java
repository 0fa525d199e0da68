package dev.btpboot.tenancy;

import java.util.LinkedHashSet;
import java.util.Set;

import dev.btpboot.binding.ServiceBindings;
import dev.btpboot.security.BtpUser;
import dev.btpboot.security.SecurityMode;
import dev.btpboot.security.jwt.TokenIssuers;

import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/**
 * Who may call what tenancy serves, the same rules for both web stacks. The subscription
 * callbacks: only the SaaS Provisioning service, that is a client-credentials token of the bound
 * XSUAA, of the provider's own zone, with the scope {@code <xsappname>.Callback} (role
 * {@code Callback}); outside production, a mock user with role {@code Callback}. The tenants
 * endpoint: the provider's own operators, a technical caller of the provider's zone or a user of
 * it with {@code btp.tenancy.operator-role}; outside production, a mock user without a tenant
 * with that role. A subscriber's user is refused by both.
 */
public final class TenancyCallers {

	/** The role (XSUAA scope {@code <xsappname>.Callback}) the SaaS Provisioning service's token carries. */
	public static final String CALLBACK_ROLE = "Callback";

	private final SecurityMode mode;

	private final TokenIssuers issuers;

	private final Set<String> providerZones;

	private final String providerSubdomain;

	private final String operatorRole;

	private TenancyCallers(SecurityMode mode, TokenIssuers issuers, Set<String> providerZones, String providerSubdomain,
			String operatorRole) {
		this.mode = mode;
		this.issuers = issuers;
		this.providerZones = providerZones;
		this.providerSubdomain = providerSubdomain;
		this.operatorRole = operatorRole;
	}

	/**
	 * @param mode the decided security mode
	 * @param bindings the service bindings: the provider's zone is that of the xsuaa binding
	 * ({@code tenantid}, else its {@code identityzone} subdomain) and of the identity binding
	 * ({@code app_tid})
	 * @param operatorRole {@code btp.tenancy.operator-role}, or {@code null}
	 * @return the rules
	 */
	public static TenancyCallers of(SecurityMode mode, ServiceBindings bindings, String operatorRole) {
		Set<String> zones = new LinkedHashSet<>();
		bindings.xsuaa().map((xsuaa) -> xsuaa.tenantId()).ifPresent(zones::add);
		bindings.identity().map((identity) -> identity.tenantId()).ifPresent(zones::add);
		String subdomain = bindings.xsuaa().map((xsuaa) -> xsuaa.identityZone()).orElse(null);
		TokenIssuers issuers = (mode == SecurityMode.JWT) ? TokenIssuers.of(bindings) : null;
		return new TenancyCallers(mode, issuers, Set.copyOf(zones), subdomain,
				(operatorRole != null && !operatorRole.isBlank()) ? operatorRole : null);
	}

	/**
	 * @param authentication the request's authentication, or {@code null}
	 * @return whether it may call the subscription callbacks
	 */
	public boolean mayCallBack(Authentication authentication) {
		if (authentication instanceof JwtAuthenticationToken jwt && this.issuers != null
				&& jwt.getPrincipal() instanceof BtpUser user) {
			return this.issuers.isXsuaa(jwt.getToken()) && user.technical() && isProvider(user)
					&& user.hasRole(CALLBACK_ROLE);
		}
		return isMockUser(authentication) && ((BtpUser) authentication.getPrincipal()).hasRole(CALLBACK_ROLE);
	}

	/**
	 * @param authentication the request's authentication, or {@code null}
	 * @return whether it may see the subscribed tenants
	 */
	public boolean mayListTenants(Authentication authentication) {
		if (authentication instanceof JwtAuthenticationToken jwt && this.issuers != null
				&& jwt.getPrincipal() instanceof BtpUser user) {
			return isProvider(user) && (user.technical() || hasOperatorRole(user));
		}
		return isMockUser(authentication) && ((BtpUser) authentication.getPrincipal()).tenant() == null
				&& hasOperatorRole((BtpUser) authentication.getPrincipal());
	}

	private boolean isMockUser(Authentication authentication) {
		return this.mode == SecurityMode.MOCK && authentication instanceof UsernamePasswordAuthenticationToken
				&& authentication.isAuthenticated() && authentication.getPrincipal() instanceof BtpUser;
	}

	private boolean hasOperatorRole(BtpUser user) {
		return this.operatorRole != null && user.hasRole(this.operatorRole);
	}

	/** Of the provider's own zone: by the zone id the bindings name, else by the xsuaa binding's subdomain. */
	private boolean isProvider(BtpUser user) {
		if (!this.providerZones.isEmpty()) {
			return user.tenant() != null && this.providerZones.contains(user.tenant());
		}
		return this.providerSubdomain != null && this.providerSubdomain.equalsIgnoreCase(user.subdomain());
	}

}
