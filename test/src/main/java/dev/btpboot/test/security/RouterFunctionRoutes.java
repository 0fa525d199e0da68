package dev.btpboot.test.security;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import org.springframework.core.io.Resource;
import org.springframework.http.HttpMethod;
import org.springframework.web.servlet.function.HandlerFunction;
import org.springframework.web.servlet.function.RequestPredicate;
import org.springframework.web.servlet.function.RequestPredicates;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.RouterFunctions;
import org.springframework.web.servlet.function.ServerRequest;

/** The paths and methods of a functional router ({@code RouterFunctions.route()...}), nested routes included. */
final class RouterFunctionRoutes implements RouterFunctions.Visitor {

	private final Deque<String> prefixes = new ArrayDeque<>();

	private final List<MappedEndpoint> endpoints = new ArrayList<>();

	private RouterFunctionRoutes() {
	}

	static List<MappedEndpoint> of(RouterFunction<?> routerFunction) {
		RouterFunctionRoutes routes = new RouterFunctionRoutes();
		routerFunction.accept(routes);
		return routes.endpoints;
	}

	@Override
	public void startNested(RequestPredicate predicate) {
		List<String> paths = Predicate.of(predicate).paths;
		this.prefixes.push(prefix() + (paths.isEmpty() ? "" : paths.get(0)));
	}

	@Override
	public void endNested(RequestPredicate predicate) {
		this.prefixes.pop();
	}

	@Override
	public void route(RequestPredicate predicate, HandlerFunction<?> handlerFunction) {
		Predicate routed = Predicate.of(predicate);
		List<String> paths = routed.paths.isEmpty() ? List.of("") : routed.paths;
		Set<String> methods = routed.methods.isEmpty() ? MappedEndpoint.ALL_METHODS : routed.methods;
		for (String path : paths) {
			for (String method : methods) {
				this.endpoints.add(new MappedEndpoint(method, prefix() + path, "router function " + predicate));
			}
		}
	}

	@Override
	public void resources(Function<ServerRequest, Optional<Resource>> lookupFunction) {
		this.endpoints.add(new MappedEndpoint("GET", prefix() + "/**", "router function resources"));
	}

	@Override
	public void attributes(Map<String, Object> attributes) {
	}

	@Override
	public void unknown(RouterFunction<?> routerFunction) {
	}

	private String prefix() {
		return this.prefixes.isEmpty() ? "" : this.prefixes.peek();
	}

	/** Paths and methods a request predicate names, ignoring what it negates. */
	private static final class Predicate implements RequestPredicates.Visitor {

		private final List<String> paths = new ArrayList<>();

		private final Set<String> methods = new LinkedHashSet<>();

		private int negated;

		static Predicate of(RequestPredicate predicate) {
			Predicate visitor = new Predicate();
			predicate.accept(visitor);
			return visitor;
		}

		@Override
		public void method(Set<HttpMethod> methods) {
			if (this.negated == 0) {
				methods.forEach((method) -> this.methods.add(method.name()));
			}
		}

		@Override
		public void path(String pattern) {
			if (this.negated == 0) {
				this.paths.add(pattern);
			}
		}

		@Override
		public void startNegate() {
			this.negated++;
		}

		@Override
		public void endNegate() {
			this.negated--;
		}

		@Override
		@SuppressWarnings("removal") // part of the interface as long as Spring has it
		public void pathExtension(String extension) {
		}

		@Override
		public void header(String name, String value) {
		}

		@Override
		public void param(String name, String value) {
		}

		@Override
		public void version(String version) {
		}

		@Override
		public void startAnd() {
		}

		@Override
		public void and() {
		}

		@Override
		public void endAnd() {
		}

		@Override
		public void startOr() {
		}

		@Override
		public void or() {
		}

		@Override
		public void endOr() {
		}

		@Override
		public void unknown(RequestPredicate predicate) {
		}

	}

}
