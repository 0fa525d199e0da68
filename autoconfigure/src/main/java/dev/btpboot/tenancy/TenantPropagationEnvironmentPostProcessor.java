package dev.btpboot.tenancy;

import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.ClassUtils;

/**
 * The tenant travels with the work: where Micrometer's context-propagation library and Spring
 * Security are present, {@code spring.task.execution.propagate-context} defaults to {@code true},
 * so that Spring Boot's task executor (hence {@code @Async} methods and {@code CompletableFuture}s
 * on it) restores the caller's security context, and so its {@code BtpUser} and tenant, through
 * Spring Security's own context-propagation accessors, and clears it again after each task. A
 * default only, behind every property source of the application, which may set it to
 * {@code false}. {@code spring.reactor.context-propagation} is left alone: {@code auto} is a
 * global Reactor hook that costs every operator of every pipeline, and WebFlux code finds the user
 * in the Reactor context without it (see {@code docs/tenancy.md}).
 */
class TenantPropagationEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

	static final String PROPAGATE_CONTEXT = "spring.task.execution.propagate-context";

	static final String SOURCE = "btpTenantPropagationDefaults";

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		ClassLoader classLoader = application.getClassLoader();
		if (ClassUtils.isPresent("io.micrometer.context.ContextSnapshotFactory", classLoader)
				&& ClassUtils.isPresent("org.springframework.security.core.context.SecurityContextHolder", classLoader)
				&& !environment.getPropertySources().contains(SOURCE)) {
			environment.getPropertySources().addLast(new MapPropertySource(SOURCE, Map.of(PROPAGATE_CONTEXT, "true")));
		}
	}

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

}
