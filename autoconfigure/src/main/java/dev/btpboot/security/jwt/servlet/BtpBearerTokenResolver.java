package dev.btpboot.security.jwt.servlet;

import jakarta.servlet.http.HttpServletRequest;

import dev.btpboot.security.jwt.AuthorizationHeader;
import dev.btpboot.security.jwt.BtpJwtDecoder;

import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;

/**
 * Reads the token of an {@code Authorization: Bearer} header. Its syntax is checked by
 * {@link BtpJwtDecoder} before a token is verified: only the canonical spelling of a JWT
 * ({@code JwtSyntax}), a narrower rule than RFC 6750's {@code b64token}; a token already verified
 * is the same string and is not scanned again. Tokens in query parameters or form bodies are not
 * accepted.
 */
final class BtpBearerTokenResolver implements BearerTokenResolver {

	@Override
	public String resolve(HttpServletRequest request) {
		return AuthorizationHeader.bearerToken(request.getHeader("Authorization"));
	}

}
