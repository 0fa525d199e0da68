package dev.btpboot.security.jwt.reactive;

import java.nio.charset.StandardCharsets;

import dev.btpboot.security.jwt.ProtectedResourceMetadata;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * Answers {@code GET} of the {@link ProtectedResourceMetadata} path with the configured document,
 * to any client and ahead of authentication, as the servlet chain does; every other exchange
 * passes.
 */
final class ReactiveProtectedResourceMetadataFilter implements WebFilter {

	private final ProtectedResourceMetadata metadata;

	private final byte[] body;

	ReactiveProtectedResourceMetadataFilter(ProtectedResourceMetadata metadata) {
		this.metadata = metadata;
		this.body = metadata.json().getBytes(StandardCharsets.UTF_8);
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		ServerHttpRequest request = exchange.getRequest();
		if (request.getMethod() != HttpMethod.GET
				|| !request.getPath().pathWithinApplication().value().equals(this.metadata.path())) {
			return chain.filter(exchange);
		}
		ServerHttpResponse response = exchange.getResponse();
		response.setStatusCode(HttpStatus.OK);
		response.getHeaders().setContentType(MediaType.APPLICATION_JSON);
		response.getHeaders().setContentLength(this.body.length);
		return response.writeWith(Mono.fromSupplier(() -> response.bufferFactory().wrap(this.body)));
	}

	@Override
	public String toString() {
		return "ReactiveProtectedResourceMetadataFilter";
	}

}
