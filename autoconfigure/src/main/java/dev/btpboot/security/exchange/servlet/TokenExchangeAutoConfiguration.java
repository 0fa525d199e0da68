package dev.btpboot.security.exchange.servlet;

import dev.btpboot.binding.BindingsAutoConfiguration;
import dev.btpboot.binding.ConditionalOnServiceBinding;
import dev.btpboot.binding.IdentityCredentials;
import dev.btpboot.binding.ServiceBindings;
import dev.btpboot.binding.XsuaaCredentials;
import dev.btpboot.security.BtpSecurityProperties;
import dev.btpboot.security.ConditionalOnSecurityMode;
import dev.btpboot.security.SecurityMode;
import dev.btpboot.security.exchange.TokenExchangeEnabled;
import dev.btpboot.security.exchange.XsuaaTokenExchange;
import dev.btpboot.security.jwt.ProtectedResourceMetadata;
import dev.btpboot.security.jwt.servlet.BearerChallengeEntryPoint;
import dev.btpboot.security.jwt.servlet.JwtSecurityAutoConfiguration;
import dev.btpboot.security.servlet.BtpSecurityAutoConfiguration;
import dev.btpboot.security.servlet.BtpSecurityFilterChainCustomizer;
import dev.btpboot.token.TokenAutoConfiguration;
import dev.btpboot.token.TokenProvider;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;

/**
 * Hybrid applications moving from XSUAA to IAS: with {@code btp.security.token-exchange} set to
 * provide-xsuaa or force-xsuaa and both xsuaa and identity bound, an IAS user's token is exchanged
 * for an XSUAA token ({@link XsuaaTokenExchange}) right after it authenticated the request.
 */
@AutoConfiguration(after = { BindingsAutoConfiguration.class, TokenAutoConfiguration.class,
		JwtSecurityAutoConfiguration.class }, before = BtpSecurityAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass({ HttpSecurity.class, BearerTokenAuthenticationFilter.class })
@ConditionalOnSecurityMode(SecurityMode.JWT)
@ConditionalOnServiceBinding(IdentityCredentials.SERVICE)
@Conditional(TokenExchangeEnabled.class)
@EnableConfigurationProperties(BtpSecurityProperties.class)
public final class TokenExchangeAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(name = "btpTokenExchange")
	@ConditionalOnServiceBinding(XsuaaCredentials.SERVICE)
	BtpSecurityFilterChainCustomizer btpTokenExchange(BtpSecurityProperties properties, ServiceBindings bindings,
			@Qualifier("xsuaaTokenProvider") TokenProvider xsuaaTokenProvider, JwtDecoder jwtDecoder,
			ObjectProvider<Converter<Jwt, ? extends AbstractAuthenticationToken>> converters,
			ObjectProvider<ProtectedResourceMetadata> protectedResourceMetadata) {
		XsuaaTokenExchangeFilter filter = new XsuaaTokenExchangeFilter(
				XsuaaTokenExchange.of(properties.getTokenExchange(), bindings, xsuaaTokenProvider, jwtDecoder,
						converters),
				new BearerChallengeEntryPoint(protectedResourceMetadata.getIfAvailable()));
		return (http) -> http.addFilterAfter(filter, BearerTokenAuthenticationFilter.class);
	}

}
