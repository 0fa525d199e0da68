package dev.btpboot.test.identity;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Binds the Spring application of a test to a {@link LocalIdentityServer}: the server is started
 * (one per xsappname and JVM), {@code VCAP_SERVICES} of the test's application context points to
 * it, so the application runs in JWT mode, and test methods (or the context, as bean
 * {@code localIdentityServer}) get the server to build tokens with.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(LocalIdentityServerExtension.class)
public @interface WithLocalIdentityServer {

	/** @return whether to bind an xsuaa service */
	boolean xsuaa() default true;

	/** @return whether to bind an identity (IAS) service */
	boolean identity() default false;

	/** @return the xsappname of the xsuaa binding */
	String xsappname() default LocalIdentityServer.DEFAULT_XSAPPNAME;

}
