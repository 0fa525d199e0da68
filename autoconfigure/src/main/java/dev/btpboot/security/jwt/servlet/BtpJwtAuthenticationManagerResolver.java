package dev.btpboot.security.jwt.servlet;

import jakarta.servlet.http.HttpServletRequest;

import dev.btpboot.security.certificate.servlet.RequestClientCertificates;
import dev.btpboot.security.jwt.BearerTokenAuthenticator;

import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.AuthenticationManagerResolver;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;

/**
 * Bearer tokens of a servlet request, authenticated by the {@link BearerTokenAuthenticator}; the
 * proof of possession of a certificate-bound token reads the forwarded certificate by the rule of
 * {@link RequestClientCertificates}.
 */
final class BtpJwtAuthenticationManagerResolver implements AuthenticationManagerResolver<HttpServletRequest> {

	private final BearerTokenAuthenticator authenticator;

	private final RequestClientCertificates certificates;

	BtpJwtAuthenticationManagerResolver(BearerTokenAuthenticator authenticator,
			RequestClientCertificates certificates) {
		this.authenticator = authenticator;
		this.certificates = certificates;
	}

	/**
	 * The result carries the request's details (remote address) that the bearer token filter put on
	 * the token it read, as Spring's own {@code JwtAuthenticationProvider} hands them on.
	 */
	@Override
	public AuthenticationManager resolve(HttpServletRequest request) {
		return (authentication) -> {
			BearerTokenAuthenticationToken bearer = (BearerTokenAuthenticationToken) authentication;
			AbstractAuthenticationToken result = this.authenticator.authenticate(bearer.getToken(),
					() -> this.certificates.read(request).certificate());
			if (result.getDetails() == null) {
				result.setDetails(bearer.getDetails());
			}
			return result;
		};
	}

}
