package dev.btpboot.security.jwt.reactive;

import dev.btpboot.security.jwt.BearerTokenAuthenticator;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.ReactiveAuthenticationManager;
import org.springframework.security.authentication.ReactiveAuthenticationManagerResolver;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.web.server.ServerWebExchange;

/**
 * Bearer tokens of a reactive request, authenticated by the {@link BearerTokenAuthenticator} along
 * the servlet chain's path: the same decoder (issuer routing, audience, canonical form, key cache,
 * verified-token memory), proof of possession, converter and refusals, each a 401 with a fixed
 * description. Verifying may fetch keys over blocking HTTP and wait for another request's fetch,
 * so it runs on {@link Schedulers#boundedElastic()}, never on an event-loop thread; a token the
 * decoder remembers is answered where it arrives, without that hop.
 */
final class ReactiveBtpJwtAuthenticationManagerResolver
		implements ReactiveAuthenticationManagerResolver<ServerWebExchange> {

	private final BearerTokenAuthenticator authenticator;

	ReactiveBtpJwtAuthenticationManagerResolver(BearerTokenAuthenticator authenticator) {
		this.authenticator = authenticator;
	}

	@Override
	public Mono<ReactiveAuthenticationManager> resolve(ServerWebExchange exchange) {
		HttpHeaders headers = exchange.getRequest().getHeaders();
		return Mono.just((authentication) -> {
			String token = ((BearerTokenAuthenticationToken) authentication).getToken();
			return Mono.defer(() -> {
				Authentication remembered = this.authenticator.authenticateRemembered(token, headers::getFirst);
				return (remembered != null) ? Mono.just(remembered)
						: Mono.<Authentication>fromCallable(() -> this.authenticator.authenticate(token, headers::getFirst))
							.subscribeOn(Schedulers.boundedElastic());
			});
		});
	}

}
