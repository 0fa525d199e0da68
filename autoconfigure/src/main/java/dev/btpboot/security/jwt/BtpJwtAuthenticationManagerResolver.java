package dev.btpboot.security.jwt;

import java.util.stream.Collectors;

import jakarta.servlet.http.HttpServletRequest;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.AuthenticationManagerResolver;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.jwt.JwtValidationException;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/**
 * Authenticates bearer tokens with the {@link BtpJwtDecoder} and the request (for proof of
 * possession); the principal is the token's {@link dev.btpboot.security.BtpUser}. Every failure,
 * including keys that cannot be loaded, is a 401 with a fixed description: never a 500, never
 * token content in the response.
 */
final class BtpJwtAuthenticationManagerResolver implements AuthenticationManagerResolver<HttpServletRequest> {

	private static final Log logger = LogFactory.getLog(BtpJwtAuthenticationManagerResolver.class);

	private final BtpJwtDecoder decoder;

	BtpJwtAuthenticationManagerResolver(BtpJwtDecoder decoder) {
		this.decoder = decoder;
	}

	@Override
	public AuthenticationManager resolve(HttpServletRequest request) {
		return (authentication) -> authenticate((BearerTokenAuthenticationToken) authentication, request);
	}

	private Authentication authenticate(BearerTokenAuthenticationToken bearer, HttpServletRequest request) {
		VerifiedToken token = verify(bearer.getToken());
		token.trust().checkRequest(token.jwt(), request);
		return new JwtAuthenticationToken(token.jwt(), token.user(), token.authorities());
	}

	/**
	 * Also the reactive chain's ({@link ReactiveBtpJwtAuthenticationManagerResolver}) way to verify.
	 * @throws InvalidBearerTokenException for every token that is not trusted
	 */
	VerifiedToken verify(String token) {
		try {
			return this.decoder.verify(token);
		}
		catch (UntrustedTokenException ex) {
			throw refused(ex.getMessage(), ex);
		}
		catch (JwtValidationException ex) {
			throw refused(ex.getErrors()
				.stream()
				.map((error) -> error.getDescription())
				.collect(Collectors.joining("; ")), ex);
		}
		catch (RuntimeException ex) {
			// Nimbus' messages may quote parts of the token: keep them out of the response.
			throw refused("The token is malformed or not signed by a trusted key", ex);
		}
	}

	private static InvalidBearerTokenException refused(String description, RuntimeException cause) {
		if (logger.isDebugEnabled()) {
			logger.debug("Bearer token refused: " + description + " (" + cause.getClass().getSimpleName() + ")");
		}
		return new InvalidBearerTokenException(description, cause);
	}

}
