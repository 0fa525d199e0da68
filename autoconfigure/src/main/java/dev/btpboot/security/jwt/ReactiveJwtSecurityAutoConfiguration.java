package dev.btpboot.security.jwt;

import dev.btpboot.binding.BindingsAutoConfiguration;
import dev.btpboot.binding.ServiceBindings;
import dev.btpboot.security.BtpSecurityProperties;
import dev.btpboot.security.ConditionalOnSecurityMode;
import dev.btpboot.security.ReactiveBtpSecurityAutoConfiguration;
import dev.btpboot.security.ReactiveSecurityModeConfigurer;
import dev.btpboot.security.SecurityMode;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.security.autoconfigure.ReactiveUserDetailsServiceAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.security.authentication.ReactiveAuthenticationManagerResolver;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.web.server.ServerWebExchange;

/**
 * JWT mode of WebFlux applications: bearer tokens of the bound XSUAA and/or IAS, verified by the
 * same {@link BtpJwtDecoder} as in servlet applications, through a
 * {@link ReactiveAuthenticationManagerResolver}. Being one, it also keeps Spring Boot from
 * generating a password.
 */
@AutoConfiguration(after = BindingsAutoConfiguration.class,
		before = { ReactiveBtpSecurityAutoConfiguration.class, ReactiveUserDetailsServiceAutoConfiguration.class },
		beforeName = "org.springframework.boot.security.oauth2.server.resource.autoconfigure.reactive.ReactiveOAuth2ResourceServerAutoConfiguration")
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
@ConditionalOnClass({ ServerHttpSecurity.class, NimbusJwtDecoder.class, ReactiveAuthenticationManagerResolver.class })
@ConditionalOnSecurityMode(SecurityMode.JWT)
@EnableConfigurationProperties(BtpSecurityProperties.class)
public final class ReactiveJwtSecurityAutoConfiguration {

	/** The servlet configuration's decoder: one way to build it for both kinds of application. */
	@Bean
	@ConditionalOnMissingBean(name = "btpJwtDecoder")
	BtpJwtDecoder btpJwtDecoder(ServiceBindings bindings, BtpSecurityProperties properties, Environment environment) {
		return new JwtSecurityAutoConfiguration().btpJwtDecoder(bindings, properties, environment);
	}

	@Bean
	@ConditionalOnMissingBean(name = "btpJwtAuthenticationManagerResolver")
	ReactiveAuthenticationManagerResolver<ServerWebExchange> btpJwtAuthenticationManagerResolver(
			BtpJwtDecoder btpJwtDecoder) {
		return new ReactiveBtpJwtAuthenticationManagerResolver(btpJwtDecoder);
	}

	@Bean
	@ConditionalOnMissingBean(name = "btpReactiveJwtAuthentication")
	ReactiveSecurityModeConfigurer btpReactiveJwtAuthentication(
			ReactiveAuthenticationManagerResolver<ServerWebExchange> btpJwtAuthenticationManagerResolver) {
		ReactiveBtpBearerTokenConverter bearerTokens = new ReactiveBtpBearerTokenConverter();
		return (http) -> http.oauth2ResourceServer((resourceServer) -> resourceServer
			.bearerTokenConverter(bearerTokens)
			.authenticationManagerResolver(btpJwtAuthenticationManagerResolver));
	}

}
