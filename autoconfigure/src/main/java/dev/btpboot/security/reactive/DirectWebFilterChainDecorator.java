package dev.btpboot.security.reactive;

import java.util.List;

import reactor.core.publisher.Mono;

import org.springframework.security.web.server.WebFilterChainProxy.WebFilterChainDecorator;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * Runs the filters of the security chain that matched an exchange one after another, then the
 * application's chain, as Spring Security's default decorator does with Spring's
 * {@code DefaultWebFilterChain}, less two costs per exchange: that chain links every filter up
 * front and wraps each filter's result in a Reactor checkpoint named by the filter, which
 * allocates the operator, its subscriber and the name for every filter of every exchange. Each
 * filter is still invoked when the previous one subscribes to the rest of the chain (an exception it
 * throws becomes an error signal), and a filter that answers by itself ends the chain.
 */
final class DirectWebFilterChainDecorator implements WebFilterChainDecorator {

	@Override
	public WebFilterChain decorate(WebFilterChain original) {
		return original;
	}

	@Override
	public WebFilterChain decorate(WebFilterChain original, List<WebFilter> filters) {
		return filters.isEmpty() ? original : new Link(filters, original, 0);
	}

	/** The rest of the chain from one filter on: links are made as the exchange reaches them. */
	private record Link(List<WebFilter> filters, WebFilterChain original, int index) implements WebFilterChain {

		@Override
		public Mono<Void> filter(ServerWebExchange exchange) {
			return Mono.defer(() -> (this.index < this.filters.size())
					? this.filters.get(this.index).filter(exchange, new Link(this.filters, this.original, this.index + 1))
					: this.original.filter(exchange));
		}

	}

}
