package dev.btpboot.security.reactive;

import java.util.Optional;

import dev.btpboot.security.BtpUser;
import dev.btpboot.security.CurrentUser;
import reactor.core.publisher.Mono;

import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.util.ClassUtils;

/**
 * The {@link BtpUser} of a reactive request, kept in the Reactor context by Spring Security
 * (WebFlux), when Spring Security is on the class path; on a thread that is not serving a
 * reactive request, see {@link CurrentUser}.
 */
public final class ReactiveCurrentUser {

	private static final boolean SECURITY_PRESENT = ClassUtils.isPresent(
			"org.springframework.security.core.context.ReactiveSecurityContextHolder",
			ReactiveCurrentUser.class.getClassLoader());

	private ReactiveCurrentUser() {
	}

	/** @return the user of the reactive request, empty outside one or without a {@link BtpUser} */
	public static Mono<Optional<BtpUser>> get() {
		return SECURITY_PRESENT ? ReactiveSecurity.user() : Mono.just(Optional.empty());
	}

	/** Touches Spring Security classes only when they are present. */
	private static final class ReactiveSecurity {

		static Mono<Optional<BtpUser>> user() {
			return ReactiveSecurityContextHolder.getContext()
				.map(SecurityContext::getAuthentication)
				.filter((authentication) -> authentication.getPrincipal() instanceof BtpUser)
				.map((authentication) -> Optional.of((BtpUser) authentication.getPrincipal()))
				.defaultIfEmpty(Optional.empty());
		}

	}

}
