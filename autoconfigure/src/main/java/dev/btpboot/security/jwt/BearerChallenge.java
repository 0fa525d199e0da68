package dev.btpboot.security.jwt;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.server.resource.BearerTokenError;
import org.springframework.util.StringUtils;

/**
 * The {@code WWW-Authenticate: Bearer} challenge of JWT mode, the same for the servlet and the
 * reactive chain: RFC 6750's {@code error}, {@code error_description}, {@code error_uri} and
 * {@code scope} as Spring Security writes them, and {@code resource_metadata} (RFC 9728) only when
 * the application serves {@link ProtectedResourceMetadata}, at the URL of its configured resource.
 * Spring Security's servlet entry point would always add the parameter, built from the request's
 * {@code Host} header.
 */
public final class BearerChallenge {

	private final String resourceMetadata;

	/**
	 * @param metadata the metadata the application serves, or {@code null} when it serves none
	 */
	public BearerChallenge(ProtectedResourceMetadata metadata) {
		this.resourceMetadata = (metadata != null) ? metadata.url() : null;
	}

	/**
	 * @param refusal why the request is refused
	 * @return the status: the bearer token error's, else 401
	 */
	public HttpStatus status(AuthenticationException refusal) {
		return (refusal instanceof OAuth2AuthenticationException oauth2
				&& oauth2.getError() instanceof BearerTokenError bearer) ? bearer.getHttpStatus()
						: HttpStatus.UNAUTHORIZED;
	}

	/**
	 * @param refusal why the request is refused
	 * @return the value of the {@code WWW-Authenticate} header
	 */
	public String header(AuthenticationException refusal) {
		Map<String, String> parameters = new LinkedHashMap<>();
		if (refusal instanceof OAuth2AuthenticationException oauth2) {
			OAuth2Error error = oauth2.getError();
			parameters.put("error", error.getErrorCode());
			if (StringUtils.hasText(error.getDescription())) {
				parameters.put("error_description", error.getDescription());
			}
			if (StringUtils.hasText(error.getUri())) {
				parameters.put("error_uri", error.getUri());
			}
			if (error instanceof BearerTokenError bearer && StringUtils.hasText(bearer.getScope())) {
				parameters.put("scope", bearer.getScope());
			}
		}
		if (this.resourceMetadata != null) {
			parameters.put("resource_metadata", this.resourceMetadata);
		}
		StringBuilder challenge = new StringBuilder("Bearer");
		String separator = " ";
		for (Map.Entry<String, String> parameter : parameters.entrySet()) {
			challenge.append(separator).append(parameter.getKey()).append("=\"").append(parameter.getValue()).append('"');
			separator = ", ";
		}
		return challenge.toString();
	}

}
