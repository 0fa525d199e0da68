package dev.btpboot.security.jwt;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;

/**
 * Reads the token of an {@code Authorization: Bearer} header. Its syntax is checked by
 * {@link BtpJwtDecoder} before a token is verified: only the canonical spelling of a JWT
 * ({@link JwtSyntax}), a narrower rule than RFC 6750's {@code b64token}; a token already verified
 * is the same string and is not scanned again. Tokens in query parameters or form bodies are not
 * accepted.
 */
final class BtpBearerTokenResolver implements BearerTokenResolver {

	private static final String PREFIX = "Bearer ";

	@Override
	public String resolve(HttpServletRequest request) {
		return token(request.getHeader("Authorization"));
	}

	/**
	 * The rule of both the servlet and the reactive chain ({@link ReactiveBtpBearerTokenConverter}).
	 * @param authorization the {@code Authorization} header, or {@code null}
	 * @return the token of a bearer header, else {@code null}
	 */
	static String token(String authorization) {
		if (authorization == null || !authorization.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
			return null;
		}
		return authorization.substring(PREFIX.length());
	}

}
