package dev.btpboot.test.security;

import java.util.ArrayList;
import java.util.List;

import org.springframework.context.ApplicationContext;
import org.springframework.util.ClassUtils;
import org.springframework.web.reactive.DispatcherHandler;

/**
 * Every path and method an application maps, Spring MVC or WebFlux, whichever it runs (a servlet
 * application that only uses {@code WebClient} has WebFlux on the class path but no WebFlux
 * handler mappings).
 */
final class MappedEndpoints {

	private static final boolean WEB_MVC = isPresent("org.springframework.web.servlet.DispatcherServlet");

	private static final boolean WEB_FLUX = isPresent("org.springframework.web.reactive.DispatcherHandler");

	private MappedEndpoints() {
	}

	static List<MappedEndpoint> of(ApplicationContext context) {
		List<MappedEndpoint> endpoints = new ArrayList<>();
		if (WEB_MVC) {
			endpoints.addAll(WebMvcEndpoints.of(context));
		}
		if (isReactive(context)) {
			endpoints.addAll(WebFluxEndpoints.of(context));
		}
		return endpoints;
	}

	/** Whether the context runs WebFlux's {@code DispatcherHandler}. */
	static boolean isReactive(ApplicationContext context) {
		return WEB_FLUX && context.getBeanNamesForType(DispatcherHandler.class).length > 0;
	}

	private static boolean isPresent(String className) {
		return ClassUtils.isPresent(className, MappedEndpoints.class.getClassLoader());
	}

}
