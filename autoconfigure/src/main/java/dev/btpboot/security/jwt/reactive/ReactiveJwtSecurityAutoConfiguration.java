package dev.btpboot.security.jwt.reactive;

import dev.btpboot.binding.BindingsAutoConfiguration;
import dev.btpboot.binding.ServiceBindings;
import dev.btpboot.security.BtpSecurityProperties;
import dev.btpboot.security.ConditionalOnSecurityMode;
import dev.btpboot.security.SecurityMode;
import dev.btpboot.security.certificate.ForwardedClientCertificateConfiguration;
import dev.btpboot.security.certificate.ForwardedClientCertificates;
import dev.btpboot.security.certificate.reactive.ExchangeClientCertificates;
import dev.btpboot.security.jwt.BtpJwtDecoder;
import dev.btpboot.security.jwt.JwtDecoderConfiguration;
import dev.btpboot.security.jwt.ProtectedResourceMetadata;
import dev.btpboot.security.jwt.ProtectedResourceMetadataConfiguration;
import dev.btpboot.security.reactive.ReactiveBtpSecurityAutoConfiguration;
import dev.btpboot.security.reactive.ReactivePeerAddressResolver;
import dev.btpboot.security.reactive.ReactiveSecurityModeConfigurer;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.security.autoconfigure.ReactiveUserDetailsServiceAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.convert.converter.Converter;
import org.springframework.core.env.Environment;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.authentication.ReactiveAuthenticationManagerResolver;
import org.springframework.security.config.web.server.SecurityWebFiltersOrder;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.web.server.ServerWebExchange;

/**
 * JWT mode in WebFlux applications: bearer tokens of the bound XSUAA and/or IAS along the same
 * decoding path as in servlet applications ({@link JwtDecoderConfiguration}: the
 * {@link BtpJwtDecoder} or the application's own {@code JwtDecoder}, the starter's converter or the
 * application's own), through a {@link ReactiveAuthenticationManagerResolver}. Being one, it also
 * keeps Spring Boot from generating a password. The protected resource metadata is served, and named
 * in the challenge, only when {@code btp.security.protected-resource-metadata.enabled=true}.
 */
@AutoConfiguration(after = BindingsAutoConfiguration.class,
		before = { ReactiveBtpSecurityAutoConfiguration.class, ReactiveUserDetailsServiceAutoConfiguration.class },
		beforeName = "org.springframework.boot.security.oauth2.server.resource.autoconfigure.reactive.ReactiveOAuth2ResourceServerAutoConfiguration")
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
@ConditionalOnClass({ ServerHttpSecurity.class, NimbusJwtDecoder.class, ReactiveAuthenticationManagerResolver.class })
@ConditionalOnSecurityMode(SecurityMode.JWT)
@EnableConfigurationProperties(BtpSecurityProperties.class)
@Import({ JwtDecoderConfiguration.class, ForwardedClientCertificateConfiguration.class,
		ProtectedResourceMetadataConfiguration.class })
public final class ReactiveJwtSecurityAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(ReactiveAuthenticationManagerResolver.class)
	ReactiveAuthenticationManagerResolver<ServerWebExchange> btpJwtAuthenticationManagerResolver(JwtDecoder jwtDecoder,
			ObjectProvider<Converter<Jwt, ? extends AbstractAuthenticationToken>> converters, ServiceBindings bindings,
			ForwardedClientCertificates forwarded, Environment environment) {
		return new ReactiveBtpJwtAuthenticationManagerResolver(
				JwtDecoderConfiguration.authenticator(jwtDecoder, converters, bindings),
				new ExchangeClientCertificates(forwarded, ReactivePeerAddressResolver.of(environment)));
	}

	@Bean
	@ConditionalOnMissingBean(ReactiveSecurityModeConfigurer.class)
	ReactiveSecurityModeConfigurer btpReactiveJwtAuthentication(
			ReactiveAuthenticationManagerResolver<ServerWebExchange> btpJwtAuthenticationManagerResolver,
			ObjectProvider<ProtectedResourceMetadata> protectedResourceMetadata) {
		ReactiveBtpBearerTokenConverter bearerTokens = new ReactiveBtpBearerTokenConverter();
		ProtectedResourceMetadata metadata = protectedResourceMetadata.getIfAvailable();
		ReactiveBearerChallengeEntryPoint entryPoint = new ReactiveBearerChallengeEntryPoint(metadata);
		return (http) -> {
			http.oauth2ResourceServer((resourceServer) -> resourceServer.bearerTokenConverter(bearerTokens)
				.authenticationManagerResolver(btpJwtAuthenticationManagerResolver)
				.authenticationEntryPoint(entryPoint));
			if (metadata != null) {
				http.addFilterBefore(new ReactiveProtectedResourceMetadataFilter(metadata),
						SecurityWebFiltersOrder.AUTHENTICATION);
			}
		};
	}

}
