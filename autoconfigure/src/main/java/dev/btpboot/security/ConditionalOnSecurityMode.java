package dev.btpboot.security;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.context.annotation.Conditional;

/**
 * Matches when the starter's security is enabled and decides for the given mode: JWT when
 * {@code btp.security.mode=jwt}, or {@code auto} with an xsuaa or identity binding; mock when
 * {@code btp.security.mode=mock}, or {@code auto} without a binding, outside production.
 */
@Target({ ElementType.TYPE, ElementType.METHOD })
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Conditional(OnSecurityModeCondition.class)
public @interface ConditionalOnSecurityMode {

	/** @return {@link SecurityMode#JWT} or {@link SecurityMode#MOCK} */
	SecurityMode value();

}
