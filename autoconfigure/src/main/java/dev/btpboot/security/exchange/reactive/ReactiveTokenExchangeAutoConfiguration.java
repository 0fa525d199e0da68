package dev.btpboot.security.exchange.reactive;

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
import dev.btpboot.security.jwt.reactive.ReactiveBearerChallengeEntryPoint;
import dev.btpboot.security.jwt.reactive.ReactiveJwtSecurityAutoConfiguration;
import dev.btpboot.security.reactive.ReactiveBtpSecurityAutoConfiguration;
import dev.btpboot.security.reactive.ReactiveBtpSecurityFilterChainCustomizer;
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
import org.springframework.security.config.web.server.SecurityWebFiltersOrder;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;

/**
 * The exchange of IAS users' tokens for XSUAA tokens in WebFlux applications, as
 * {@code TokenExchangeAutoConfiguration} for servlet ones: the same property, conditions and rules
 * ({@link XsuaaTokenExchange}), right after the bearer token authenticated the exchange.
 */
@AutoConfiguration(after = { BindingsAutoConfiguration.class, TokenAutoConfiguration.class,
		ReactiveJwtSecurityAutoConfiguration.class }, before = ReactiveBtpSecurityAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
@ConditionalOnClass(ServerHttpSecurity.class)
@ConditionalOnSecurityMode(SecurityMode.JWT)
@ConditionalOnServiceBinding(IdentityCredentials.SERVICE)
@Conditional(TokenExchangeEnabled.class)
@EnableConfigurationProperties(BtpSecurityProperties.class)
public final class ReactiveTokenExchangeAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(name = "btpReactiveTokenExchange")
	@ConditionalOnServiceBinding(XsuaaCredentials.SERVICE)
	ReactiveBtpSecurityFilterChainCustomizer btpReactiveTokenExchange(BtpSecurityProperties properties,
			ServiceBindings bindings, @Qualifier("xsuaaTokenProvider") TokenProvider xsuaaTokenProvider,
			JwtDecoder jwtDecoder, ObjectProvider<Converter<Jwt, ? extends AbstractAuthenticationToken>> converters,
			ObjectProvider<ProtectedResourceMetadata> protectedResourceMetadata) {
		ReactiveXsuaaTokenExchangeFilter filter = new ReactiveXsuaaTokenExchangeFilter(
				XsuaaTokenExchange.of(properties.getTokenExchange(), bindings, xsuaaTokenProvider, jwtDecoder,
						converters),
				new ReactiveBearerChallengeEntryPoint(protectedResourceMetadata.getIfAvailable()));
		return (http) -> http.addFilterAfter(filter, SecurityWebFiltersOrder.AUTHENTICATION);
	}

}
