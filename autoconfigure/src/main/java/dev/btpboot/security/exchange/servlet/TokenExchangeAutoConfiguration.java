package dev.btpboot.security.exchange.servlet;

import java.time.Clock;
import java.util.Locale;

import dev.btpboot.binding.BindingsAutoConfiguration;
import dev.btpboot.binding.ConditionalOnServiceBinding;
import dev.btpboot.binding.IdentityCredentials;
import dev.btpboot.binding.ServiceBindings;
import dev.btpboot.binding.XsuaaCredentials;
import dev.btpboot.security.BtpSecurityProperties;
import dev.btpboot.security.BtpSecurityProperties.TokenExchange;
import dev.btpboot.security.ConditionalOnSecurityMode;
import dev.btpboot.security.SecurityMode;
import dev.btpboot.security.exchange.ExchangedTokenAuthentication;
import dev.btpboot.security.exchange.RefusedExchanges;
import dev.btpboot.security.jwt.BtpJwtAuthenticationConverter;
import dev.btpboot.security.jwt.TokenIssuers;
import dev.btpboot.security.jwt.servlet.JwtSecurityAutoConfiguration;
import dev.btpboot.security.servlet.BtpSecurityAutoConfiguration;
import dev.btpboot.security.servlet.BtpSecurityFilterChainCustomizer;
import dev.btpboot.token.TokenAutoConfiguration;
import dev.btpboot.token.TokenProvider;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.convert.converter.Converter;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;

/**
 * Hybrid applications moving from XSUAA to IAS: with {@code btp.security.token-exchange} set to
 * provide-xsuaa or force-xsuaa and both xsuaa and identity bound, an IAS user's token is exchanged
 * for an XSUAA token (jwt-bearer at the xsuaa binding, through {@code xsuaaTokenProvider}) right
 * after it authenticated the request. Technical callers are not exchanged.
 */
@AutoConfiguration(after = { BindingsAutoConfiguration.class, TokenAutoConfiguration.class,
		JwtSecurityAutoConfiguration.class }, before = BtpSecurityAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass({ HttpSecurity.class, BearerTokenAuthenticationFilter.class })
@ConditionalOnSecurityMode(SecurityMode.JWT)
@ConditionalOnServiceBinding(IdentityCredentials.SERVICE)
@Conditional(TokenExchangeAutoConfiguration.TokenExchangeEnabled.class)
@EnableConfigurationProperties(BtpSecurityProperties.class)
public final class TokenExchangeAutoConfiguration {

	private static final Log logger = LogFactory.getLog(TokenExchangeAutoConfiguration.class);

	@Bean
	@ConditionalOnMissingBean(name = "btpTokenExchange")
	@ConditionalOnServiceBinding(XsuaaCredentials.SERVICE)
	BtpSecurityFilterChainCustomizer btpTokenExchange(BtpSecurityProperties properties, ServiceBindings bindings,
			@Qualifier("xsuaaTokenProvider") TokenProvider xsuaaTokenProvider, JwtDecoder jwtDecoder,
			ObjectProvider<Converter<Jwt, ? extends AbstractAuthenticationToken>> converters) {
		// The decoder's own rule tells IAS tokens, so the exchange cannot disagree with its routing.
		TokenIssuers issuers = TokenIssuers.of(bindings);
		// The same decoder and converter as for tokens that arrive with requests: force-xsuaa
		// treats the exchanged token as if the request had sent it.
		ExchangedTokenAuthentication xsuaaAuthentication = new ExchangedTokenAuthentication(jwtDecoder, issuers,
				BtpJwtAuthenticationConverter.of(converters, bindings));
		XsuaaTokenExchangeFilter filter = new XsuaaTokenExchangeFilter(properties.getTokenExchange(),
				xsuaaTokenProvider, issuers::isIas, xsuaaAuthentication, new RefusedExchanges(Clock.systemUTC()));
		logger.info("Token exchange " + properties.getTokenExchange().name().toLowerCase(Locale.ROOT).replace('_', '-')
				+ ": IAS users get an XSUAA token from the xsuaa binding (jwt-bearer)");
		return (http) -> http.addFilterAfter(filter, BearerTokenAuthenticationFilter.class);
	}

	/** {@code btp.security.token-exchange} is provide-xsuaa or force-xsuaa. */
	static class TokenExchangeEnabled extends SpringBootCondition {

		@Override
		public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
			TokenExchange exchange = Binder.get(context.getEnvironment())
				.bind(BtpSecurityProperties.PREFIX + ".token-exchange", TokenExchange.class)
				.orElse(TokenExchange.DISABLED);
			return (exchange != TokenExchange.DISABLED)
					? ConditionOutcome.match("btp.security.token-exchange is " + exchange)
					: ConditionOutcome.noMatch("btp.security.token-exchange is disabled");
		}

	}

}
