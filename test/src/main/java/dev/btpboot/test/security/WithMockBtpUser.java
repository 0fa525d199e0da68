package dev.btpboot.test.security;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.security.test.context.support.TestExecutionEvent;
import org.springframework.security.test.context.support.WithSecurityContext;

/**
 * Runs a test as one of the mock users of {@code btp.security.mock.users} (or a default user
 * {@code authenticated} / {@code system}): name, roles, tenant and attributes come from the
 * configuration, and the principal is a {@link dev.btpboot.security.BtpUser} exactly as HTTP
 * Basic in mock mode would produce it. With {@code technical = true} the same user is a technical
 * caller ({@link dev.btpboot.security.BtpUser#technical()}), as a client-credentials token or a
 * client certificate makes one: configure a mock user named like the client, with the roles its
 * API permission groups or scopes would give, for instance
 * {@code btp.security.mock.users.reporting-client.roles=read} and
 * {@code @WithMockBtpUser(value = "reporting-client", technical = true)}.
 */
@Target({ ElementType.METHOD, ElementType.TYPE })
@Retention(RetentionPolicy.RUNTIME)
@Inherited
@Documented
@WithSecurityContext(factory = WithMockBtpUserSecurityContextFactory.class,
		setupBefore = TestExecutionEvent.TEST_METHOD)
public @interface WithMockBtpUser {

	/** @return the name of the mock user */
	String value();

	/** @return whether the user is a technical caller (a client without a user) */
	boolean technical() default false;

}
