package dev.btpboot.security.jwt.reactive;

import dev.btpboot.security.jwt.AuthorizationHeader;
import dev.btpboot.security.jwt.BtpJwtDecoder;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.security.web.server.authentication.ServerAuthenticationConverter;
import org.springframework.web.server.ServerWebExchange;

/**
 * Reads the token of an {@code Authorization: Bearer} header of a reactive request by the same rule
 * as {@link AuthorizationHeader}: its syntax is left to {@link BtpJwtDecoder} (canonical JWTs
 * only), so both chains refuse a malformed token with the same description. Tokens in query
 * parameters or form bodies are not accepted.
 */
final class ReactiveBtpBearerTokenConverter implements ServerAuthenticationConverter {

	@Override
	public Mono<Authentication> convert(ServerWebExchange exchange) {
		String token = AuthorizationHeader.bearerToken(exchange.getRequest().getHeaders().getFirst(HttpHeaders.AUTHORIZATION));
		if (token == null) {
			return Mono.empty();
		}
		if (token.isBlank()) {
			return Mono.error(new InvalidBearerTokenException("The token is malformed"));
		}
		return Mono.just(new BearerTokenAuthenticationToken(token));
	}

}
