package dev.btpboot.security.jwt;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import dev.btpboot.binding.BindingsAutoConfiguration;
import dev.btpboot.binding.ServiceBindings;
import dev.btpboot.token.TokenProperties;
import dev.btpboot.security.BtpSecurityAutoConfiguration;
import dev.btpboot.security.BtpSecurityProperties;
import dev.btpboot.security.ConditionalOnSecurityMode;
import dev.btpboot.security.SecurityMode;
import dev.btpboot.security.SecurityModeConfigurer;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;

/**
 * JWT mode: bearer tokens of the bound XSUAA and/or IAS, verified by a {@link BtpJwtDecoder}.
 * Being a {@code JwtDecoder}, it also keeps Spring Boot from generating a password.
 */
@AutoConfiguration(after = BindingsAutoConfiguration.class,
		before = { BtpSecurityAutoConfiguration.class, UserDetailsServiceAutoConfiguration.class },
		beforeName = "org.springframework.boot.security.oauth2.server.resource.autoconfigure.OAuth2ResourceServerAutoConfiguration")
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass({ HttpSecurity.class, NimbusJwtDecoder.class, BearerTokenAuthenticationFilter.class })
@ConditionalOnSecurityMode(SecurityMode.JWT)
@EnableConfigurationProperties(BtpSecurityProperties.class)
public final class JwtSecurityAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(name = "btpJwtDecoder")
	BtpJwtDecoder btpJwtDecoder(ServiceBindings bindings, BtpSecurityProperties properties, Environment environment) {
		// Key requests share the timeouts of token requests (btp.token.*).
		TokenProperties tokenProperties = Binder.get(environment).bindOrCreate("btp.token", TokenProperties.class);
		KeysHttpClient http = new KeysHttpClient(tokenProperties.getConnectTimeout(),
				tokenProperties.getReadTimeout());
		Clock clock = Clock.systemUTC();
		List<TokenTrust> trusts = new ArrayList<>();
		bindings.identity()
			.ifPresent((identity) -> trusts
				.add(new IasTokenTrust(identity, http, clock, properties.getClientCertificateHeader())));
		bindings.xsuaa().ifPresent((xsuaa) -> trusts.add(new XsuaaTokenTrust(xsuaa, http, clock)));
		return new BtpJwtDecoder(trusts, clock);
	}

	@Bean
	@ConditionalOnMissingBean(name = "btpJwtAuthentication")
	SecurityModeConfigurer btpJwtAuthentication(BtpJwtDecoder btpJwtDecoder) {
		BtpJwtAuthenticationManagerResolver resolver = new BtpJwtAuthenticationManagerResolver(btpJwtDecoder);
		BtpBearerTokenResolver bearerTokens = new BtpBearerTokenResolver();
		return (http) -> http.oauth2ResourceServer((resourceServer) -> resourceServer
			.bearerTokenResolver(bearerTokens)
			.authenticationManagerResolver(resolver));
	}

}
