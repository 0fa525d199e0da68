package dev.btpboot.test.security;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;

/**
 * The paths and methods of a functional router ({@code RouterFunctions.route()...}), nested
 * routes included: the rules for both stacks; the subclasses adapt Spring MVC's and WebFlux's
 * visitors to them.
 */
abstract class RouterFunctionRoutes {

	private final Deque<String> prefixes = new ArrayDeque<>();

	final List<MappedEndpoint> endpoints = new ArrayList<>();

	void startNested(RequestPredicateParts predicate) {
		this.prefixes.push(prefix() + (predicate.paths.isEmpty() ? "" : predicate.paths.get(0)));
	}

	void endNested() {
		this.prefixes.pop();
	}

	void route(RequestPredicateParts predicate, String description) {
		List<String> paths = predicate.paths.isEmpty() ? List.of("") : predicate.paths;
		for (String path : paths) {
			for (String method : MappedEndpoint.methodsToRequest(predicate.methods)) {
				this.endpoints.add(new MappedEndpoint(method, prefix() + path, "router function " + description));
			}
		}
	}

	void resources() {
		this.endpoints.add(new MappedEndpoint("GET", prefix() + "/**", "router function resources"));
	}

	public void attributes(Map<String, Object> attributes) {
	}

	private String prefix() {
		return this.prefixes.isEmpty() ? "" : this.prefixes.peek();
	}

}
