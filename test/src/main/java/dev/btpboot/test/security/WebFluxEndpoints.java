package dev.btpboot.test.security;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpMethod;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.reactive.function.server.support.RouterFunctionMapping;
import org.springframework.web.reactive.handler.AbstractUrlHandlerMapping;
import org.springframework.web.reactive.result.method.RequestMappingInfoHandlerMapping;
import org.springframework.web.util.pattern.PathPattern;

/**
 * Every path and method the WebFlux handler mappings of an application answer: annotated
 * controllers, actuator endpoints (request mapping handler mappings too), functional routes and
 * URL mappings such as static resources.
 */
final class WebFluxEndpoints {

	private WebFluxEndpoints() {
	}

	static List<MappedEndpoint> of(ApplicationContext context) {
		List<MappedEndpoint> endpoints = new ArrayList<>();
		context.getBeansOfType(RequestMappingInfoHandlerMapping.class)
			.values()
			.forEach((mapping) -> mapping.getHandlerMethods().forEach((info, handler) -> {
				List<String> methods = MappedEndpoint.methodsToRequest(
						info.getMethodsCondition().getMethods().stream().map(RequestMethod::name).toList());
				for (PathPattern pattern : info.getPatternsCondition().getPatterns()) {
					methods.forEach((method) -> endpoints
						.add(new MappedEndpoint(method, pattern.getPatternString(), handler.toString())));
				}
			}));
		context.getBeansOfType(RouterFunctionMapping.class).values().forEach((mapping) -> {
			if (mapping.getRouterFunction() != null) {
				endpoints.addAll(WebFluxRouterFunctionRoutes.of(mapping.getRouterFunction()));
			}
		});
		context.getBeansOfType(AbstractUrlHandlerMapping.class)
			.values()
			.forEach((mapping) -> mapping.getHandlerMap()
				.forEach((pattern, handler) -> endpoints
					.add(new MappedEndpoint("GET", pattern.getPatternString(), handler.toString()))));
		return endpoints;
	}

	/**
	 * Anonymous requests to the application's {@code HttpHandler} itself, its web filters
	 * (Spring Security's among them) included: for a reactive test without a running server.
	 */
	static AnonymousRequests boundTo(ApplicationContext context, Duration timeout) {
		WebTestClient client = WebTestClient.bindToApplicationContext(context)
			.configureClient()
			.responseTimeout(timeout)
			.build();
		return (method, path) -> client.method(HttpMethod.valueOf(method))
			.uri(path)
			.exchange()
			.expectBody()
			.returnResult()
			.getStatus()
			.value();
	}

}
