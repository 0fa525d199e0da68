package dev.btpboot.security.jwt;

import java.util.ArrayList;
import java.util.List;

import dev.btpboot.binding.ServiceBindings;
import dev.btpboot.security.BtpUser;

import org.springframework.core.convert.converter.Converter;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/**
 * The starter's {@code Converter<Jwt, AbstractAuthenticationToken>}: a verified XSUAA or IAS token
 * becomes a {@link JwtAuthenticationToken} whose principal is the token's {@link BtpUser} and whose
 * authorities are {@link BtpUser#authorities()}, the rule mock users follow too. A converter bean
 * of the application's own replaces it.
 */
final class BtpJwtAuthenticationConverter implements Converter<Jwt, JwtAuthenticationToken> {

	private final List<TokenUsers> services;

	BtpJwtAuthenticationConverter(List<TokenUsers> services) {
		this.services = List.copyOf(services);
	}

	/** The users of the bound IAS and XSUAA, asked in the order the {@link BtpJwtDecoder} routes. */
	static BtpJwtAuthenticationConverter of(ServiceBindings bindings) {
		List<TokenUsers> services = new ArrayList<>();
		bindings.identity().ifPresent((identity) -> services.add(new IasUsers(identity)));
		bindings.xsuaa().ifPresent((xsuaa) -> services.add(new XsuaaUsers(xsuaa)));
		return new BtpJwtAuthenticationConverter(services);
	}

	@Override
	public JwtAuthenticationToken convert(Jwt jwt) {
		BtpUser user = user(jwt);
		return new JwtAuthenticationToken(jwt, user, user.authorities());
	}

	/**
	 * @throws InvalidBearerTokenException for a token none of the bound services issued, which
	 * only a decoder of the application's own lets through
	 */
	BtpUser user(Jwt jwt) {
		for (TokenUsers service : this.services) {
			BtpUser user = service.user(jwt);
			if (user != null) {
				return user;
			}
		}
		throw new InvalidBearerTokenException("The token's issuer is not trusted");
	}

}
