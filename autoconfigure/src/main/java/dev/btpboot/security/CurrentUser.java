package dev.btpboot.security;

import java.util.Optional;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.util.ClassUtils;

/**
 * The {@link BtpUser} of the current thread, when Spring Security is on the class path and knows
 * one, and the id of its {@link Tenant}. Connectivity and destinations use them to pick the tenant
 * whose tokens they ask for; in a reactive request, see {@code ReactiveCurrentUser}. Unlike
 * {@link BtpUser#current()}, only a principal that is a {@code BtpUser} counts (one with tenant
 * and token, as this starter's chain signs in), and Spring Security may be absent.
 */
public final class CurrentUser {

	private static final boolean SECURITY_PRESENT = ClassUtils.isPresent(
			"org.springframework.security.core.context.SecurityContextHolder", CurrentUser.class.getClassLoader());

	private CurrentUser() {
	}

	/** @return the user of the current thread, if Spring Security knows a {@link BtpUser} */
	public static Optional<BtpUser> get() {
		return SECURITY_PRESENT ? SecurityContext.user() : Optional.empty();
	}

	/**
	 * @param user a user, or {@code null}
	 * @return the id of the user's tenant, or {@code null} when there is no user or it has no
	 * tenant (then the binding's own tenant is meant)
	 */
	public static String tenantIdOf(BtpUser user) {
		return Tenant.of(user).map(Tenant::id).orElse(null);
	}

	/** Touches Spring Security classes only when they are present. */
	private static final class SecurityContext {

		static Optional<BtpUser> user() {
			Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
			return (authentication != null && authentication.getPrincipal() instanceof BtpUser user)
					? Optional.of(user) : Optional.empty();
		}

	}

}
