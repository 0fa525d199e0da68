package dev.btpboot.security;

import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.beans.factory.support.RootBeanDefinition;

/**
 * In an application processed ahead of time, the security mode decided at start-up must be the
 * one decided at build time, because only that mode's beans exist. Registered by the code that
 * {@link SecurityModeAotProcessor} generates; created with the other singletons, before the web
 * server takes requests.
 */
final class SecurityModeAotCheck {

	static final String BEAN_NAME = "btpSecurityModeAotCheck";

	private SecurityModeAotCheck() {
	}

	/**
	 * @param beanFactory the bean factory of the processed application
	 * @param processed the mode decided at build time, {@code null} for none
	 */
	static void register(DefaultListableBeanFactory beanFactory, SecurityMode processed) {
		RootBeanDefinition definition = new RootBeanDefinition(SecurityModeAotCheck.class);
		definition.setInstanceSupplier(() -> check(processed, beanFactory.getBean(SecurityModeDecision.class)));
		beanFactory.registerBeanDefinition(BEAN_NAME, definition);
	}

	/** @throws SecurityModeException when the two decisions differ */
	static SecurityModeAotCheck check(SecurityMode processed, SecurityModeDecision now) {
		if (now.mode() != processed) {
			throw new SecurityModeException("This application was processed ahead of time (Spring AOT, native image) "
					+ "with security mode " + describe(processed) + ", and only that mode's beans exist in it, "
					+ "but the environment it starts in decides " + describe(now.mode()) + ".",
					"Process the application with the bindings and btp.security settings of the environment "
							+ "it runs in (an xsuaa or identity binding present at build time for JWT, none for "
							+ "mock users), or start it without -Dspring.aot.enabled=true.");
		}
		return new SecurityModeAotCheck();
	}

	private static String describe(SecurityMode mode) {
		if (mode == SecurityMode.JWT) {
			return "JWT (an xsuaa or identity service is bound)";
		}
		if (mode == SecurityMode.MOCK) {
			return "MOCK (mock users, no xsuaa or identity binding)";
		}
		return "none (the starter's security disabled, or no mode decided)";
	}

}
