package dev.btpboot.test.security;

import java.util.ArrayList;
import java.util.List;

import org.springframework.context.ApplicationContext;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.function.support.RouterFunctionMapping;
import org.springframework.web.servlet.handler.AbstractUrlHandlerMapping;
import org.springframework.web.servlet.mvc.method.RequestMappingInfoHandlerMapping;

/**
 * Every path and method the Spring MVC handler mappings of an application answer: annotated
 * controllers, actuator endpoints (their handler mappings are request mapping ones too),
 * functional routes and URL mappings such as static resources.
 */
final class WebMvcEndpoints {

	private WebMvcEndpoints() {
	}

	static List<MappedEndpoint> of(ApplicationContext context) {
		List<MappedEndpoint> endpoints = new ArrayList<>();
		context.getBeansOfType(RequestMappingInfoHandlerMapping.class)
			.values()
			.forEach((mapping) -> mapping.getHandlerMethods().forEach((info, handler) -> {
				List<String> methods = MappedEndpoint.methodsToRequest(
						info.getMethodsCondition().getMethods().stream().map(RequestMethod::name).toList());
				for (String pattern : info.getPatternValues()) {
					methods.forEach((method) -> endpoints.add(new MappedEndpoint(method, pattern, handler.toString())));
				}
			}));
		context.getBeansOfType(RouterFunctionMapping.class).values().forEach((mapping) -> {
			if (mapping.getRouterFunction() != null) {
				endpoints.addAll(WebMvcRouterFunctionRoutes.of(mapping.getRouterFunction()));
			}
		});
		context.getBeansOfType(AbstractUrlHandlerMapping.class)
			.values()
			.forEach((mapping) -> mapping.getHandlerMap()
				.forEach((pattern, handler) -> endpoints.add(new MappedEndpoint("GET", pattern, handler.toString()))));
		return endpoints;
	}

}
