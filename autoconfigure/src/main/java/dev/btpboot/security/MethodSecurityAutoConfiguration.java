package dev.btpboot.security;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.security.authorization.method.AuthorizationAdvisorProxyFactory;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;

/**
 * Secure by default also inside the application: {@code @PreAuthorize}, {@code @PostAuthorize},
 * {@code @PreFilter}, {@code @PostFilter}, {@code @Secured} and JSR-250 annotations are enforced
 * without {@code @EnableMethodSecurity}. Backs off as soon as the application configures method
 * security itself (every {@code @EnableMethodSecurity}, whatever its attributes, registers an
 * {@link AuthorizationAdvisorProxyFactory}; the deprecated {@code @EnableGlobalMethodSecurity}
 * its configuration class), so its own settings are never doubled or overridden.
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(EnableMethodSecurity.class)
@ConditionalOnBooleanProperty(name = "btp.security.method-security.enabled", matchIfMissing = true)
@ConditionalOnMissingBean(value = AuthorizationAdvisorProxyFactory.class,
		type = "org.springframework.security.config.annotation.method.configuration.GlobalMethodSecurityConfiguration")
@EnableMethodSecurity(securedEnabled = true, jsr250Enabled = true)
public final class MethodSecurityAutoConfiguration {

}
