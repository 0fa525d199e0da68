package dev.btpboot.security.reactive;

import dev.btpboot.security.BtpUser;
import dev.btpboot.security.BtpUserParameters;
import reactor.core.publisher.Mono;

import org.springframework.core.MethodParameter;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.web.reactive.BindingContext;
import org.springframework.web.reactive.result.method.HandlerMethodArgumentResolver;
import org.springframework.web.server.ServerWebExchange;

/**
 * {@code @AuthenticationPrincipal BtpUser user} in WebFlux handlers from any authentication
 * ({@link BtpUser#of}): Spring Security's reactive resolver hands over the principal as it is (a
 * {@code User} under {@code @WithMockUser}), which fails with "argument type mismatch". The same
 * parameters as the servlet resolver ({@link BtpUserParameters}); without a user the argument is {@code null}.
 */
final class ReactiveBtpUserArgumentResolver implements HandlerMethodArgumentResolver {

	@Override
	public boolean supportsParameter(MethodParameter parameter) {
		return BtpUserParameters.isBtpUserPrincipal(parameter);
	}

	@Override
	public Mono<Object> resolveArgument(MethodParameter parameter, BindingContext bindingContext,
			ServerWebExchange exchange) {
		return ReactiveSecurityContextHolder.getContext()
			.mapNotNull(SecurityContext::getAuthentication)
			.flatMap((authentication) -> Mono.justOrEmpty(BtpUser.of(authentication)));
	}

}
