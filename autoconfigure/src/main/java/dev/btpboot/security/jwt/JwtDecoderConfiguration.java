package dev.btpboot.security.jwt;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import dev.btpboot.binding.ServiceBindings;
import dev.btpboot.token.BtpHttpProperties;
import dev.btpboot.token.ResponseBodies;
import dev.btpboot.token.TokenProperties;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.convert.converter.Converter;
import org.springframework.core.env.Environment;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;

/**
 * The decoding path of JWT mode, shared by servlet and reactive applications: the
 * {@link BtpJwtDecoder} (unless the application has a {@link JwtDecoder} of its own), with every
 * {@code OAuth2TokenValidator<Jwt>} bean added to the decoder of each issuer; and
 * {@link #authenticator} to put decoder and converter together.
 */
@Configuration(proxyBeanMethods = false)
public class JwtDecoderConfiguration {

	@Bean
	@ConditionalOnMissingBean(JwtDecoder.class)
	BtpJwtDecoder btpJwtDecoder(ServiceBindings bindings, Environment environment,
			ObjectProvider<OAuth2TokenValidator<Jwt>> validators) {
		// Key requests share the timeouts of token requests (btp.token.*).
		TokenProperties tokenProperties = Binder.get(environment).bindOrCreate("btp.token", TokenProperties.class);
		BtpHttpProperties httpProperties = Binder.get(environment).bindOrCreate("btp.http", BtpHttpProperties.class);
		KeysHttpClient http = new KeysHttpClient(tokenProperties.getConnectTimeout(),
				tokenProperties.getReadTimeout(), new ResponseBodies(httpProperties.getMaxResponseSize()));
		Clock clock = Clock.systemUTC();
		Rs256Decoders decoders = new Rs256Decoders(clock, validators.orderedStream().toList());
		List<TrustedIssuer> issuers = new ArrayList<>();
		bindings.identity().ifPresent((identity) -> issuers.add(new IasIssuer(identity, http, decoders)));
		bindings.xsuaa().ifPresent((xsuaa) -> issuers.add(new XsuaaIssuer(xsuaa, http, decoders)));
		return new BtpJwtDecoder(issuers, clock);
	}

	/**
	 * @param decoder the application's {@code JwtDecoder} bean, else the {@link BtpJwtDecoder}
	 * @param converters the application's {@code Converter<Jwt, ? extends AbstractAuthenticationToken>}
	 * bean, if any; else the {@link BtpJwtAuthenticationConverter} of the bound services
	 * @return the authentication of bearer tokens
	 */
	public static BearerTokenAuthenticator authenticator(JwtDecoder decoder,
			ObjectProvider<Converter<Jwt, ? extends AbstractAuthenticationToken>> converters, ServiceBindings bindings) {
		return new BearerTokenAuthenticator(decoder, BtpJwtAuthenticationConverter.of(converters, bindings));
	}

}
