package dev.btpboot.binding;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.context.annotation.Conditional;

/**
 * Matches when the application has at least one binding of the given service (by service name,
 * else by tag), from any source {@link ServiceBindings} reads.
 */
@Target({ ElementType.TYPE, ElementType.METHOD })
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Conditional(OnServiceBindingCondition.class)
public @interface ConditionalOnServiceBinding {

	/** @return the service name, e.g. {@code xsuaa} */
	String value();

}
