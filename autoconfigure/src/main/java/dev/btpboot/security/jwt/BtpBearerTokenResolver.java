package dev.btpboot.security.jwt;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.BearerTokenErrors;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;

/**
 * Reads the token of an {@code Authorization: Bearer} header, checking the RFC 6750 token
 * syntax ({@code [A-Za-z0-9-._~+/]+=*}) with a loop rather than Spring's regular expression, whose
 * cost grows with the token. Tokens in query parameters or form bodies are not accepted.
 */
final class BtpBearerTokenResolver implements BearerTokenResolver {

	private static final String PREFIX = "Bearer ";

	/** The characters of RFC 6750's b64token before its trailing '='s, by ASCII code. */
	private static final boolean[] TOKEN68 = new boolean[128];

	static {
		"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~+/".chars()
			.forEach((c) -> TOKEN68[c] = true);
	}

	@Override
	public String resolve(HttpServletRequest request) {
		String authorization = request.getHeader("Authorization");
		if (authorization == null || !authorization.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
			return null;
		}
		String token = authorization.substring(PREFIX.length());
		if (!isToken68(token)) {
			throw new OAuth2AuthenticationException(BearerTokenErrors.invalidToken("Bearer token is malformed"));
		}
		return token;
	}

	static boolean isToken68(String token) {
		int end = token.length();
		while (end > 0 && token.charAt(end - 1) == '=') {
			end--;
		}
		if (end == 0) {
			return false;
		}
		for (int i = 0; i < end; i++) {
			char c = token.charAt(i);
			if (c >= TOKEN68.length || !TOKEN68[c]) {
				return false;
			}
		}
		return true;
	}

}
