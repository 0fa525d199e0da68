package dev.btpboot.security.exchange.reactive;

import java.nio.charset.StandardCharsets;

import dev.btpboot.security.ProblemDetails;
import dev.btpboot.security.exchange.XsuaaTokenExchange;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * Right after the bearer token filter of a WebFlux application, as {@code XsuaaTokenExchangeFilter}
 * for servlet ones: an exchange authenticated by an IAS user's token goes on with the authentication
 * of its {@link XsuaaTokenExchange}. The exchange asks the token endpoint and may fetch keys over
 * blocking HTTP, so it runs on {@link Schedulers#boundedElastic()}, never on an event-loop thread. A
 * refused exchange is a 401 with the chain's bearer challenge; an outage a 503 problem with
 * {@code Retry-After}.
 */
final class ReactiveXsuaaTokenExchangeFilter implements WebFilter {

	private static final MediaType PROBLEM = MediaType.parseMediaType(ProblemDetails.MEDIA_TYPE);

	private final XsuaaTokenExchange exchange;

	private final ServerAuthenticationEntryPoint entryPoint;

	/**
	 * @param exchange the exchange
	 * @param entryPoint the chain's entry point of JWT mode
	 */
	ReactiveXsuaaTokenExchangeFilter(XsuaaTokenExchange exchange, ServerAuthenticationEntryPoint entryPoint) {
		this.exchange = exchange;
		this.entryPoint = entryPoint;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange serverExchange, WebFilterChain chain) {
		return ReactiveSecurityContextHolder.getContext()
			.mapNotNull((context) -> this.exchange.exchangeable(context.getAuthentication()))
			.flatMap((iasUser) -> exchanged(iasUser).flatMap((result) -> {
				if (result.authentication() != null) {
					return chain.filter(serverExchange)
						.contextWrite(ReactiveSecurityContextHolder.withAuthentication(result.authentication()))
						.then(Mono.just(Boolean.TRUE));
				}
				Mono<Void> refusal = result.unavailable() ? unavailable(serverExchange.getResponse())
						: this.entryPoint.commence(serverExchange,
								new InvalidBearerTokenException("The token could not be exchanged for an XSUAA token"));
				// No authentication for what follows: the response is complete.
				return refusal.contextWrite(ReactiveSecurityContextHolder.clearContext()).then(Mono.just(Boolean.TRUE));
			}))
			.switchIfEmpty(Mono.defer(() -> chain.filter(serverExchange).then(Mono.just(Boolean.TRUE))))
			.then();
	}

	private Mono<XsuaaTokenExchange.Result> exchanged(JwtAuthenticationToken iasUser) {
		return Mono.fromCallable(() -> this.exchange.exchange(iasUser)).subscribeOn(Schedulers.boundedElastic());
	}

	private static Mono<Void> unavailable(ServerHttpResponse response) {
		byte[] body = ProblemDetails.problem(HttpStatus.SERVICE_UNAVAILABLE.value()).getBytes(StandardCharsets.UTF_8);
		response.setStatusCode(HttpStatus.SERVICE_UNAVAILABLE);
		response.getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(XsuaaTokenExchange.RETRY_AFTER.toSeconds()));
		response.getHeaders().setContentType(PROBLEM);
		response.getHeaders().setContentLength(body.length);
		return response.writeWith(Mono.fromSupplier(() -> response.bufferFactory().wrap(body)));
	}

	@Override
	public String toString() {
		return "ReactiveXsuaaTokenExchangeFilter";
	}

}
