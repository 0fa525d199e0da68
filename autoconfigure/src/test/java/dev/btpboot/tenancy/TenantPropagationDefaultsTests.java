package dev.btpboot.tenancy;

import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code spring.task.execution.propagate-context} defaults to {@code true} with the starter (issue
 * 20 §3), behind everything the application configures; {@code spring.reactor.context-propagation}
 * is the application's choice.
 */
class TenantPropagationDefaultsTests {

	private final TenantPropagationEnvironmentPostProcessor defaults = new TenantPropagationEnvironmentPostProcessor();

	@Test
	void bootsExecutorPropagatesTheContextByDefault() {
		StandardEnvironment environment = new StandardEnvironment();
		this.defaults.postProcessEnvironment(environment, new SpringApplication());
		assertThat(environment.getProperty("spring.task.execution.propagate-context")).isEqualTo("true");
		assertThat(environment.getProperty("spring.reactor.context-propagation")).isNull();
	}

	@Test
	void theApplicationsOwnSettingWins() {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources()
			.addFirst(new MapPropertySource("application",
					Map.of("spring.task.execution.propagate-context", "false")));
		this.defaults.postProcessEnvironment(environment, new SpringApplication());
		assertThat(environment.getProperty("spring.task.execution.propagate-context")).isEqualTo("false");
	}

}
