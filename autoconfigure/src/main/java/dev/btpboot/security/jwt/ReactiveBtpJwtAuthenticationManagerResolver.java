package dev.btpboot.security.jwt;

import java.lang.reflect.Proxy;

import jakarta.servlet.http.HttpServletRequest;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.security.authentication.ReactiveAuthenticationManager;
import org.springframework.security.authentication.ReactiveAuthenticationManagerResolver;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.server.ServerWebExchange;

/**
 * Authenticates bearer tokens of reactive requests along the servlet chain's path
 * ({@link BtpJwtAuthenticationManagerResolver}): the same {@link BtpJwtDecoder} (issuer routing,
 * audience, canonical form, key cache, verified-token memory), the same request check (proof of
 * possession) and the same refusals, each a 401 with a fixed description. Verifying may fetch keys
 * over blocking HTTP and wait for another request's fetch, so it runs on
 * {@link Schedulers#boundedElastic()}, never on an event-loop thread.
 */
final class ReactiveBtpJwtAuthenticationManagerResolver
		implements ReactiveAuthenticationManagerResolver<ServerWebExchange> {

	private final BtpJwtAuthenticationManagerResolver tokens;

	ReactiveBtpJwtAuthenticationManagerResolver(BtpJwtDecoder decoder) {
		this.tokens = new BtpJwtAuthenticationManagerResolver(decoder);
	}

	@Override
	public Mono<ReactiveAuthenticationManager> resolve(ServerWebExchange exchange) {
		ServerHttpRequest request = exchange.getRequest();
		return Mono.just((authentication) -> Mono
			.fromCallable(() -> authenticate((BearerTokenAuthenticationToken) authentication, request))
			.subscribeOn(Schedulers.boundedElastic()));
	}

	private Authentication authenticate(BearerTokenAuthenticationToken bearer, ServerHttpRequest request) {
		VerifiedToken token = this.tokens.verify(bearer.getToken());
		token.trust().checkRequest(token.jwt(), headersOf(request));
		return new JwtAuthenticationToken(token.jwt(), token.user(), token.authorities());
	}

	/**
	 * The request's headers, all that a token's request check reads, as the servlet request the
	 * check takes today.
	 */
	private static HttpServletRequest headersOf(ServerHttpRequest request) {
		return (HttpServletRequest) Proxy.newProxyInstance(HttpServletRequest.class.getClassLoader(),
				new Class<?>[] { HttpServletRequest.class }, (proxy, method, arguments) -> {
					if ("getHeader".equals(method.getName())) {
						return request.getHeaders().getFirst((String) arguments[0]);
					}
					throw new UnsupportedOperationException(method.getName());
				});
	}

}
