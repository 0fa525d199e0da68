package dev.btpboot.test.security;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.springframework.http.HttpMethod;

/**
 * The paths and methods a functional route's request predicate names, ignoring what it negates.
 * The predicate visitors of Spring MVC and WebFlux have the same methods apart from the predicate
 * type; the subclasses add those.
 */
abstract class RequestPredicateParts {

	final List<String> paths = new ArrayList<>();

	final Set<String> methods = new LinkedHashSet<>();

	private int negated;

	public void method(Set<HttpMethod> methods) {
		if (this.negated == 0) {
			methods.forEach((method) -> this.methods.add(method.name()));
		}
	}

	public void path(String pattern) {
		if (this.negated == 0) {
			this.paths.add(pattern);
		}
	}

	public void startNegate() {
		this.negated++;
	}

	public void endNegate() {
		this.negated--;
	}

	public void pathExtension(String extension) {
	}

	public void header(String name, String value) {
	}

	public void version(String version) {
	}

	public void startAnd() {
	}

	public void and() {
	}

	public void endAnd() {
	}

	public void startOr() {
	}

	public void or() {
	}

	public void endOr() {
	}

}
