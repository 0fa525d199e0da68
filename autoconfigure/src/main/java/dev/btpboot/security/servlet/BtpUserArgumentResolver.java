package dev.btpboot.security.servlet;

import dev.btpboot.security.BtpUser;
import dev.btpboot.security.BtpUserParameters;

import org.springframework.core.MethodParameter;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/**
 * {@code @AuthenticationPrincipal BtpUser user} from any authentication ({@link BtpUser#of}):
 * Spring Security's own resolver gives {@code null} whenever the principal is not a
 * {@code BtpUser}, as under {@code @WithMockUser}. Parameters with a SpEL {@code expression} are
 * left to Spring Security.
 */
final class BtpUserArgumentResolver implements HandlerMethodArgumentResolver {

	private final SecurityContextHolderStrategy securityContexts = SecurityContextHolder.getContextHolderStrategy();

	@Override
	public boolean supportsParameter(MethodParameter parameter) {
		return BtpUserParameters.isBtpUserPrincipal(parameter);
	}

	@Override
	public Object resolveArgument(MethodParameter parameter, ModelAndViewContainer mavContainer,
			NativeWebRequest webRequest, WebDataBinderFactory binderFactory) {
		return BtpUser.of(this.securityContexts.getContext().getAuthentication()).orElse(null);
	}

}
