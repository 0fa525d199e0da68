package dev.btpboot.test.security;

import java.util.List;
import java.util.function.Function;

import reactor.core.publisher.Mono;

import org.springframework.core.io.Resource;
import org.springframework.web.reactive.function.server.HandlerFunction;
import org.springframework.web.reactive.function.server.RequestPredicate;
import org.springframework.web.reactive.function.server.RequestPredicates;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;

/** The routes of a WebFlux functional router. */
final class WebFluxRouterFunctionRoutes extends RouterFunctionRoutes implements RouterFunctions.Visitor {

	private WebFluxRouterFunctionRoutes() {
	}

	static List<MappedEndpoint> of(RouterFunction<?> routerFunction) {
		WebFluxRouterFunctionRoutes routes = new WebFluxRouterFunctionRoutes();
		routerFunction.accept(routes);
		return routes.endpoints;
	}

	@Override
	public void startNested(RequestPredicate predicate) {
		startNested(Parts.of(predicate));
	}

	@Override
	public void endNested(RequestPredicate predicate) {
		endNested();
	}

	@Override
	public void route(RequestPredicate predicate, HandlerFunction<?> handlerFunction) {
		route(Parts.of(predicate), predicate.toString());
	}

	@Override
	public void resources(Function<ServerRequest, Mono<Resource>> lookupFunction) {
		resources();
	}

	@Override
	public void unknown(RouterFunction<?> routerFunction) {
	}

	// RequestPredicateParts implements the deprecated pathExtension for both stacks' visitors.
	@SuppressWarnings("removal")
	private static final class Parts extends RequestPredicateParts implements RequestPredicates.Visitor {

		static Parts of(RequestPredicate predicate) {
			Parts parts = new Parts();
			predicate.accept(parts);
			return parts;
		}

		@Override
		public void queryParam(String name, String value) {
		}

		@Override
		public void unknown(RequestPredicate predicate) {
		}

	}

}
