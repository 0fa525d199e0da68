package dev.btpboot.security;

import java.io.Serializable;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.AuthenticatedPrincipal;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * The one user model of every security mode: filled from an XSUAA token, an IAS token or the mock
 * user configuration, and reachable as the {@code Authentication} principal, so
 * {@code @AuthenticationPrincipal BtpUser user} works in controllers. {@link #toString()} never
 * shows the token. Spring Security's {@link AuthenticatedPrincipal} names the authentication, but not
 * {@code java.security.Principal}: WebFlux hands every {@code Principal}-typed handler parameter the
 * {@code Authentication} itself, before any {@code @AuthenticationPrincipal} resolver.
 *
 * @param name the user name ({@code user_name}, {@code email} / {@code sub}, or the mock user's name)
 * @param tenant the tenant id ({@code zid}, {@code app_tid}, or the mock user's tenant), or {@code null}
 * @param subdomain the tenant's subdomain, used to fetch tokens for that tenant
 *        ({@code ext_attr.zdn} of XSUAA tokens), or {@code null}
 * @param roles the authorities: XSUAA scopes without the {@code xsappname.} prefix, IAS groups,
 *        or mock roles
 * @param attributes user attributes ({@code xs.user.attributes}, mock attributes)
 * @param features feature toggles of a mock user (empty otherwise)
 * @param token the encoded JWT the user authenticated with, or {@code null} for mock users
 * @param technical whether the caller is a technical client rather than a person: a token issued
 *        without a user (client credentials, an application calling another) or a client
 *        certificate; its {@code name} is then the client id or the certificate's mapping key
 * @param exchangedToken the XSUAA token exchanged for an IAS user's token
 *        ({@code btp.security.token-exchange=provide-xsuaa}), or {@code null}
 * @param iasHost the host (with its port, if any) of the tenant's SAP Cloud Identity Services
 *        tenant, where IAS tokens for the tenant are asked for: the issuer of an IAS user's token, or
 *        {@code null}
 * @see Tenant
 */
public record BtpUser(String name, String tenant, String subdomain, Set<String> roles,
		Map<String, List<String>> attributes, Set<String> features, String token, boolean technical,
		String exchangedToken, String iasHost) implements AuthenticatedPrincipal, Serializable {

	/** Name required; roles, attributes and features copied, absent ones empty. */
	public BtpUser {
		Objects.requireNonNull(name, "name");
		roles = (roles != null) ? Set.copyOf(roles) : Set.of();
		attributes = (attributes != null) ? Map.copyOf(attributes) : Map.of();
		features = (features != null) ? Set.copyOf(features) : Set.of();
	}

	/**
	 * A business user (a person), not a {@linkplain #technical() technical} caller.
	 * @param name the user name
	 * @param tenant the tenant id, or {@code null}
	 * @param subdomain the tenant's subdomain, or {@code null}
	 * @param roles the authorities
	 * @param attributes user attributes
	 * @param features feature toggles of a mock user
	 * @param token the encoded JWT the user authenticated with, or {@code null}
	 */
	public BtpUser(String name, String tenant, String subdomain, Set<String> roles,
			Map<String, List<String>> attributes, Set<String> features, String token) {
		this(name, tenant, subdomain, roles, attributes, features, token, false);
	}

	/**
	 * A user without an exchanged token.
	 * @param name the user name
	 * @param tenant the tenant id, or {@code null}
	 * @param subdomain the tenant's subdomain, or {@code null}
	 * @param roles the authorities
	 * @param attributes user attributes
	 * @param features feature toggles of a mock user
	 * @param token the encoded JWT the user authenticated with, or {@code null}
	 * @param technical whether the caller is a technical client rather than a person
	 */
	public BtpUser(String name, String tenant, String subdomain, Set<String> roles,
			Map<String, List<String>> attributes, Set<String> features, String token, boolean technical) {
		this(name, tenant, subdomain, roles, attributes, features, token, technical, null);
	}

	/**
	 * A user without an IAS host.
	 * @param name the user name
	 * @param tenant the tenant id, or {@code null}
	 * @param subdomain the tenant's subdomain, or {@code null}
	 * @param roles the authorities
	 * @param attributes user attributes
	 * @param features feature toggles of a mock user
	 * @param token the encoded JWT the user authenticated with, or {@code null}
	 * @param technical whether the caller is a technical client rather than a person
	 * @param exchangedToken the XSUAA token exchanged for an IAS user's token, or {@code null}
	 */
	public BtpUser(String name, String tenant, String subdomain, Set<String> roles,
			Map<String, List<String>> attributes, Set<String> features, String token, boolean technical,
			String exchangedToken) {
		this(name, tenant, subdomain, roles, attributes, features, token, technical, exchangedToken, null);
	}

	/**
	 * The user of any authentication: of this starter's chain (the principal is a {@code BtpUser}),
	 * of Spring's test support ({@code @WithMockUser}, {@code @WithUserDetails}) or of a chain of
	 * the application's own; for those its name, and its authorities as roles, no tenant, a
	 * business user.
	 * @param authentication an authentication, or {@code null}
	 * @return its user; empty for none, an anonymous or an unauthenticated one
	 */
	public static Optional<BtpUser> of(Authentication authentication) {
		if (authentication == null || !authentication.isAuthenticated()
				|| authentication instanceof AnonymousAuthenticationToken) {
			return Optional.empty();
		}
		if (authentication.getPrincipal() instanceof BtpUser user) {
			return Optional.of(user);
		}
		Set<String> roles = authentication.getAuthorities()
			.stream()
			.map(GrantedAuthority::getAuthority)
			.filter(Objects::nonNull)
			.collect(Collectors.toCollection(LinkedHashSet::new));
		return Optional.of(new BtpUser(authentication.getName(), null, null, roles, null, null, null));
	}

	/**
	 * @return the user of the current thread's Spring Security context ({@link #of(Authentication)})
	 */
	public static Optional<BtpUser> current() {
		return of(SecurityContextHolder.getContext().getAuthentication());
	}

	@Override
	public String getName() {
		return this.name;
	}

	/**
	 * @param xsuaaToken the XSUAA token exchanged for this user's IAS token
	 * @return this user carrying it
	 */
	public BtpUser withExchangedToken(String xsuaaToken) {
		return new BtpUser(this.name, this.tenant, this.subdomain, this.roles, this.attributes, this.features,
				this.token, this.technical, xsuaaToken, this.iasHost);
	}

	/**
	 * @return the user's tenant (id, subdomain, IAS host), or empty when the user has none
	 */
	public Optional<Tenant> tenantDetails() {
		return Tenant.of(this);
	}

	/**
	 * The token that speaks for this user to other services (principal propagation to on-premise
	 * systems, user tokens of destination look-ups).
	 * @return the {@link #exchangedToken()} when there is one, else the {@link #token()}
	 */
	public String propagationToken() {
		return (this.exchangedToken != null) ? this.exchangedToken : this.token;
	}

	/**
	 * The roles as Spring Security authorities, unchanged and sorted: the one rule of every mode
	 * (token scopes or groups, mock roles), so {@code hasAuthority('Viewer')} means role
	 * {@code Viewer} everywhere.
	 * @return the authorities
	 */
	public List<GrantedAuthority> authorities() {
		return this.roles.stream().sorted().<GrantedAuthority>map(SimpleGrantedAuthority::new).toList();
	}

	/**
	 * @param role a role (authority) name
	 * @return whether the user has it
	 */
	public boolean hasRole(String role) {
		return this.roles.contains(role);
	}

	@Override
	public String toString() {
		return "BtpUser[name=" + this.name + ", tenant=" + this.tenant + ", subdomain=" + this.subdomain
				+ ((this.iasHost != null) ? ", iasHost=" + this.iasHost : "") + ", roles="
				+ this.roles + ", attributes=" + this.attributes.keySet() + ", features=" + this.features
				+ (this.technical ? ", technical" : "") + ((this.token != null) ? ", token=****" : "")
				+ ((this.exchangedToken != null) ? ", exchangedToken=****" : "") + "]";
	}

}
