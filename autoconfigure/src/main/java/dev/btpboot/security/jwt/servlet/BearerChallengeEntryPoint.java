package dev.btpboot.security.jwt.servlet;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import dev.btpboot.security.jwt.BearerChallenge;
import dev.btpboot.security.jwt.ProtectedResourceMetadata;

import org.springframework.http.HttpHeaders;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;

/**
 * The entry point of JWT mode in servlet applications: status and {@code WWW-Authenticate} of
 * {@link BearerChallenge}, with {@code resource_metadata} only when the application serves
 * {@link ProtectedResourceMetadata}. The problem body is written by the chain.
 */
public final class BearerChallengeEntryPoint implements AuthenticationEntryPoint {

	private final BearerChallenge challenge;

	/**
	 * @param metadata the metadata the application serves, or {@code null}
	 */
	public BearerChallengeEntryPoint(ProtectedResourceMetadata metadata) {
		this.challenge = new BearerChallenge(metadata);
	}

	@Override
	public void commence(HttpServletRequest request, HttpServletResponse response,
			AuthenticationException authException) {
		response.addHeader(HttpHeaders.WWW_AUTHENTICATE, this.challenge.header(authException));
		response.setStatus(this.challenge.status(authException).value());
	}

}
