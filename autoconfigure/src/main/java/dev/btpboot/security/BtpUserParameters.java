package dev.btpboot.security;

import org.springframework.core.MethodParameter;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.util.StringUtils;

/**
 * The handler parameters the starter's argument resolvers of both stacks take over from Spring
 * Security's: {@code @AuthenticationPrincipal BtpUser} without a SpEL {@code expression}.
 */
public final class BtpUserParameters {

	private BtpUserParameters() {
	}

	/**
	 * @param parameter a handler method parameter
	 * @return whether it is an {@code @AuthenticationPrincipal BtpUser} without an expression
	 */
	public static boolean isBtpUserPrincipal(MethodParameter parameter) {
		AuthenticationPrincipal annotation = parameter.getParameterAnnotation(AuthenticationPrincipal.class);
		return annotation != null && !StringUtils.hasText(annotation.expression())
				&& parameter.getParameterType() == BtpUser.class;
	}

}
