package dev.btpboot.test.security;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import org.springframework.core.io.Resource;
import org.springframework.web.servlet.function.HandlerFunction;
import org.springframework.web.servlet.function.RequestPredicate;
import org.springframework.web.servlet.function.RequestPredicates;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.RouterFunctions;
import org.springframework.web.servlet.function.ServerRequest;

/** The routes of a Spring MVC functional router. */
final class WebMvcRouterFunctionRoutes extends RouterFunctionRoutes implements RouterFunctions.Visitor {

	private WebMvcRouterFunctionRoutes() {
	}

	static List<MappedEndpoint> of(RouterFunction<?> routerFunction) {
		WebMvcRouterFunctionRoutes routes = new WebMvcRouterFunctionRoutes();
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
	public void resources(Function<ServerRequest, Optional<Resource>> lookupFunction) {
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
		public void param(String name, String value) {
		}

		@Override
		public void unknown(RequestPredicate predicate) {
		}

	}

}
