package dev.btpboot.security.jwt;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.AuthenticationManagerResolver;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;

/** Bearer tokens of a servlet request, authenticated by the {@link BearerTokenAuthenticator}. */
final class BtpJwtAuthenticationManagerResolver implements AuthenticationManagerResolver<HttpServletRequest> {

	private final BearerTokenAuthenticator authenticator;

	BtpJwtAuthenticationManagerResolver(BearerTokenAuthenticator authenticator) {
		this.authenticator = authenticator;
	}

	@Override
	public AuthenticationManager resolve(HttpServletRequest request) {
		return (authentication) -> this.authenticator
			.authenticate(((BearerTokenAuthenticationToken) authentication).getToken(), request::getHeader);
	}

}
