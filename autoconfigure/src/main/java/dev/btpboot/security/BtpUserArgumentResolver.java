package dev.btpboot.security;

import org.springframework.core.MethodParameter;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.util.StringUtils;
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
		return isBtpUserPrincipal(parameter);
	}

	/**
	 * The parameters this resolver and {@link ReactiveBtpUserArgumentResolver} take over.
	 * @param parameter a handler method parameter
	 * @return whether it is an {@code @AuthenticationPrincipal BtpUser} without an expression
	 */
	static boolean isBtpUserPrincipal(MethodParameter parameter) {
		AuthenticationPrincipal annotation = parameter.getParameterAnnotation(AuthenticationPrincipal.class);
		return annotation != null && !StringUtils.hasText(annotation.expression())
				&& parameter.getParameterType() == BtpUser.class;
	}

	@Override
	public Object resolveArgument(MethodParameter parameter, ModelAndViewContainer mavContainer,
			NativeWebRequest webRequest, WebDataBinderFactory binderFactory) {
		return BtpUser.of(this.securityContexts.getContext().getAuthentication()).orElse(null);
	}

}
