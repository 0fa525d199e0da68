package dev.btpboot.security.exchange;

import java.util.function.Function;
import java.util.stream.Collectors;

import dev.btpboot.security.jwt.BtpJwtDecoder;
import dev.btpboot.security.jwt.TokenIssuers;

import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidationException;

/**
 * force-xsuaa: the authentication of a request by the XSUAA token exchanged for its IAS token,
 * made as for a token that arrives with a request. The chain's {@link JwtDecoder} verifies it (the
 * starter's {@link BtpJwtDecoder}: signature by a key the xsuaa binding publishes, issuer, audience,
 * timestamps, the application's validators; and it remembers the token, so the same exchanged
 * token on later requests costs a look-up), it must be the bound XSUAA's ({@link TokenIssuers}),
 * and the chain's converter makes the authentication.
 */
final class ExchangedTokenAuthentication {

	private final Function<String, Jwt> decoder;

	private final TokenIssuers issuers;

	private final Converter<Jwt, ? extends AbstractAuthenticationToken> converter;

	/**
	 * @param decoder the chain's decoder
	 * @param issuers the issuer rule of the bound services
	 * @param converter the chain's converter
	 */
	ExchangedTokenAuthentication(JwtDecoder decoder, TokenIssuers issuers,
			Converter<Jwt, ? extends AbstractAuthenticationToken> converter) {
		// decode() would refuse a token bound to a certificate the request does not present; this
		// one is bound to the application's own (an X.509 xsuaa binding), which asked for it.
		this.decoder = (decoder instanceof BtpJwtDecoder ours) ? ours::decodeObtained : decoder::decode;
		this.issuers = issuers;
		this.converter = converter;
	}

	/**
	 * @param xsuaaToken the token the xsuaa binding issued
	 * @return the authentication of its user
	 * @throws BadJwtException when the token is refused; its message says why without quoting the
	 * token, for the log
	 */
	AbstractAuthenticationToken authenticate(String xsuaaToken) {
		Jwt jwt;
		try {
			jwt = this.decoder.apply(xsuaaToken);
		}
		catch (JwtValidationException ex) {
			throw new BadJwtException("the JWT decoder refused the exchanged XSUAA token: " + ex.getErrors()
				.stream()
				.map((error) -> error.getDescription())
				.collect(Collectors.joining("; ")), ex);
		}
		catch (RuntimeException ex) {
			// A decoder's own messages may quote parts of the token: keep them out of the log.
			throw new BadJwtException("the JWT decoder refused the exchanged XSUAA token: its form, issuer or "
					+ "signature (by a key the xsuaa binding publishes) is not trusted (" + ex.getClass().getSimpleName()
					+ ")", ex);
		}
		if (!this.issuers.isXsuaa(jwt)) {
			throw new BadJwtException("the exchanged token was not issued by the bound XSUAA");
		}
		AbstractAuthenticationToken authentication;
		try {
			authentication = this.converter.convert(jwt);
		}
		catch (AuthenticationException ex) {
			throw new BadJwtException("the converter refused the exchanged XSUAA token ("
					+ ex.getClass().getSimpleName() + ")", ex);
		}
		if (authentication == null) {
			throw new BadJwtException("the exchanged XSUAA token names no user");
		}
		return authentication;
	}

}
