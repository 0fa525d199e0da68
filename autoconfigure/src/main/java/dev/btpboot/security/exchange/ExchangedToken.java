package dev.btpboot.security.exchange;

import java.text.ParseException;
import java.util.Map;

import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTParser;

import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.MappedJwtClaimSetConverter;

/**
 * An XSUAA token the xsuaa binding just issued to this application, as a {@link Jwt}. Its
 * signature is not checked: it is the answer of our own token endpoint over TLS, trusted as every
 * token a {@code TokenProvider} hands out (and one issued to an X.509 client may be bound to that
 * client's certificate, which the request does not present).
 */
final class ExchangedToken {

	private static final MappedJwtClaimSetConverter CLAIMS = MappedJwtClaimSetConverter.withDefaults(Map.of());

	private ExchangedToken() {
	}

	/**
	 * @param token the encoded token
	 * @return its header and claims, typed as Spring Security's decoders type them
	 * @throws BadJwtException when it is not a JWT
	 */
	static Jwt jwt(String token) {
		try {
			JWT parsed = JWTParser.parse(token);
			Map<String, Object> claims = CLAIMS.convert(parsed.getJWTClaimsSet().getClaims());
			return Jwt.withTokenValue(token)
				.headers((headers) -> headers.putAll(parsed.getHeader().toJSONObject()))
				.claims((all) -> all.putAll(claims))
				.build();
		}
		catch (ParseException | IllegalArgumentException ex) {
			throw new BadJwtException("The token endpoint of the xsuaa binding answered with no JWT");
		}
	}

}
