package dev.btpboot.security;

import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Role;
import org.springframework.security.authorization.method.AuthorizationAdvisorProxyFactory;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.method.configuration.EnableReactiveMethodSecurity;

/**
 * Secure by default also inside the application: {@code @PreAuthorize}, {@code @PostAuthorize},
 * {@code @PreFilter}, {@code @PostFilter}, {@code @Secured} and JSR-250 annotations are enforced
 * without {@code @EnableMethodSecurity}; in a WebFlux application the {@code @PreAuthorize} family
 * on methods returning {@code Mono} or {@code Flux}, as {@code @EnableReactiveMethodSecurity} does.
 * Backs off as soon as the application configures method security itself (every
 * {@code @EnableMethodSecurity} and {@code @EnableReactiveMethodSecurity}, whatever its attributes,
 * registers an {@link AuthorizationAdvisorProxyFactory}; the deprecated
 * {@code @EnableGlobalMethodSecurity} and {@code @EnableReactiveMethodSecurity(useAuthorizationManager = false)}
 * their configuration classes), so its own settings are never doubled or overridden. The advisors
 * it registers skip, at start-up, the many beans whose classes carry none of their annotations
 * ({@link MethodSecurityAdvisorFilter}).
 */
@AutoConfiguration
@ConditionalOnWebApplication
@ConditionalOnClass(EnableMethodSecurity.class)
@ConditionalOnBooleanProperty(name = "btp.security.method-security.enabled", matchIfMissing = true)
@ConditionalOnMissingBean(value = AuthorizationAdvisorProxyFactory.class,
		type = { "org.springframework.security.config.annotation.method.configuration.GlobalMethodSecurityConfiguration",
				"org.springframework.security.config.annotation.method.configuration.ReactiveMethodSecurityConfiguration" })
public final class MethodSecurityAutoConfiguration {

	@Bean
	@Role(BeanDefinition.ROLE_INFRASTRUCTURE)
	static MethodSecurityAdvisorFilter btpMethodSecurityAdvisorFilter() {
		return new MethodSecurityAdvisorFilter();
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
	@EnableMethodSecurity(securedEnabled = true, jsr250Enabled = true)
	static class ServletMethodSecurityConfiguration {

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
	@EnableReactiveMethodSecurity
	static class ReactiveMethodSecurityConfiguration {

	}

}
