package dev.btpboot.security.jwt.reactive;

import dev.btpboot.security.jwt.BearerChallenge;
import dev.btpboot.security.jwt.ProtectedResourceMetadata;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.web.server.ServerWebExchange;

/**
 * The entry point of JWT mode in WebFlux applications, as {@code BearerChallengeEntryPoint} is for
 * servlet ones: status and {@code WWW-Authenticate} of {@link BearerChallenge}, with
 * {@code resource_metadata} only when the application serves {@link ProtectedResourceMetadata}.
 * The problem body is written by the chain.
 */
public final class ReactiveBearerChallengeEntryPoint implements ServerAuthenticationEntryPoint {

	private final BearerChallenge challenge;

	/**
	 * @param metadata the metadata the application serves, or {@code null}
	 */
	public ReactiveBearerChallengeEntryPoint(ProtectedResourceMetadata metadata) {
		this.challenge = new BearerChallenge(metadata);
	}

	@Override
	public Mono<Void> commence(ServerWebExchange exchange, AuthenticationException refusal) {
		return Mono.defer(() -> {
			ServerHttpResponse response = exchange.getResponse();
			response.getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, this.challenge.header(refusal));
			response.setStatusCode(this.challenge.status(refusal));
			return response.setComplete();
		});
	}

}
