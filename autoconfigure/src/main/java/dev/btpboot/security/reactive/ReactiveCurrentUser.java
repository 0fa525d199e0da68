package dev.btpboot.security.reactive;

import java.util.Optional;
import java.util.function.Function;

import dev.btpboot.security.BtpUser;
import dev.btpboot.security.CurrentUser;
import reactor.core.publisher.Mono;
import reactor.util.context.Context;

import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
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

	/**
	 * Carries the calling thread's user (a servlet request's, {@link CurrentUser}) into the Reactor
	 * context of a pipeline it starts, so that {@link #get()} finds it in steps that run on other
	 * threads, as in a reactive request.
	 * @return the change of the Reactor context; none when the thread has no {@link BtpUser}
	 */
	public static Function<Context, Context> ofCallingThread() {
		return (SECURITY_PRESENT && CurrentUser.get().isPresent()) ? ReactiveSecurity.ofCallingThread()
				: Function.identity();
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

		static Function<Context, Context> ofCallingThread() {
			Context user = ReactiveSecurityContextHolder.withSecurityContext(Mono.just(SecurityContextHolder.getContext()));
			return (context) -> context.putAll(user.readOnly());
		}

	}

}
