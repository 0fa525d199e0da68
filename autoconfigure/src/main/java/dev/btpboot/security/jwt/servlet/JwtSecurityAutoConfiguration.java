package dev.btpboot.security.jwt.servlet;

import dev.btpboot.binding.BindingsAutoConfiguration;
import dev.btpboot.binding.ServiceBindings;
import dev.btpboot.security.BtpSecurityProperties;
import dev.btpboot.security.ConditionalOnSecurityMode;
import dev.btpboot.security.SecurityMode;
import dev.btpboot.security.certificate.ForwardedClientCertificateConfiguration;
import dev.btpboot.security.certificate.ForwardedClientCertificates;
import dev.btpboot.security.certificate.servlet.RequestClientCertificates;
import dev.btpboot.security.jwt.BtpJwtDecoder;
import dev.btpboot.security.jwt.JwtDecoderConfiguration;
import dev.btpboot.security.jwt.ProtectedResourceMetadata;
import dev.btpboot.security.jwt.ProtectedResourceMetadataConfiguration;
import dev.btpboot.security.servlet.BtpSecurityAutoConfiguration;
import dev.btpboot.security.servlet.PeerAddressResolver;
import dev.btpboot.security.servlet.SecurityModeConfigurer;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.convert.converter.Converter;
import org.springframework.core.env.Environment;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;

/**
 * JWT mode in servlet applications: bearer tokens of the bound XSUAA and/or IAS, verified by the
 * {@link BtpJwtDecoder} (or the application's own {@code JwtDecoder}) and made an authentication by
 * the starter's converter (or the application's own). Being a {@code JwtDecoder}, the decoder also
 * keeps Spring Boot from generating a password. The protected resource metadata is served, and
 * named in the challenge, only when {@code btp.security.protected-resource-metadata.enabled=true}.
 */
@AutoConfiguration(after = BindingsAutoConfiguration.class,
		before = { BtpSecurityAutoConfiguration.class, UserDetailsServiceAutoConfiguration.class },
		beforeName = "org.springframework.boot.security.oauth2.server.resource.autoconfigure.OAuth2ResourceServerAutoConfiguration")
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass({ HttpSecurity.class, NimbusJwtDecoder.class, BearerTokenAuthenticationFilter.class })
@ConditionalOnSecurityMode(SecurityMode.JWT)
@EnableConfigurationProperties(BtpSecurityProperties.class)
@Import({ JwtDecoderConfiguration.class, ForwardedClientCertificateConfiguration.class,
		ProtectedResourceMetadataConfiguration.class })
public final class JwtSecurityAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(SecurityModeConfigurer.class)
	SecurityModeConfigurer btpJwtAuthentication(JwtDecoder jwtDecoder,
			ObjectProvider<Converter<Jwt, ? extends AbstractAuthenticationToken>> converters, ServiceBindings bindings,
			ForwardedClientCertificates forwarded, Environment environment,
			ObjectProvider<ProtectedResourceMetadata> protectedResourceMetadata) {
		BtpJwtAuthenticationManagerResolver resolver = new BtpJwtAuthenticationManagerResolver(
				JwtDecoderConfiguration.authenticator(jwtDecoder, converters, bindings),
				new RequestClientCertificates(forwarded, PeerAddressResolver.of(environment)));
		BtpBearerTokenResolver bearerTokens = new BtpBearerTokenResolver();
		ProtectedResourceMetadata metadata = protectedResourceMetadata.getIfAvailable();
		BearerChallengeEntryPoint entryPoint = new BearerChallengeEntryPoint(metadata);
		return (http) -> {
			http.oauth2ResourceServer((resourceServer) -> resourceServer.bearerTokenResolver(bearerTokens)
				.authenticationManagerResolver(resolver)
				.authenticationEntryPoint(entryPoint));
			if (metadata != null) {
				http.addFilterBefore(new ProtectedResourceMetadataFilter(metadata),
						BearerTokenAuthenticationFilter.class);
			}
		};
	}

}
