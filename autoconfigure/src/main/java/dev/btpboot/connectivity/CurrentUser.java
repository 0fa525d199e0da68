package dev.btpboot.connectivity;

import java.util.Optional;

import dev.btpboot.security.BtpUser;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.util.ClassUtils;

/**
 * The {@link BtpUser} of the current thread, when Spring Security is on the class path and knows
 * one. Connectivity and destinations use it to pick the tenant whose tokens they ask for.
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

	/** Touches Spring Security classes only when they are present. */
	private static final class SecurityContext {

		static Optional<BtpUser> user() {
			Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
			return (authentication != null && authentication.getPrincipal() instanceof BtpUser user)
					? Optional.of(user) : Optional.empty();
		}

	}

}
