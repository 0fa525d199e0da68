package dev.btpboot.samples.secureapi;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import dev.btpboot.binding.ServiceBindings;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/**
 * The main sample: a REST API secured by btp-spring-boot. Locally, in the profile dev, it runs with
 * the mock users of application-dev.yml; bound to xsuaa or identity it validates JWTs instead. No
 * {@code @EnableMethodSecurity}: the starter enforces {@code @PreAuthorize} by default.
 */
@SpringBootApplication
public class SecureApiApplication {

	private static final Log logger = LogFactory.getLog(SecureApiApplication.class);

	public static void main(String[] args) {
		SpringApplication.run(SecureApiApplication.class, args);
	}

	/** Shows at start-up which bindings were found (names and services, never credentials). */
	@Bean
	ApplicationRunner printBindings(ServiceBindings bindings) {
		return (args) -> {
			if (bindings.all().isEmpty()) {
				logger.info("No service bindings found (running locally)");
			}
			bindings.all().forEach((binding) -> logger.info("Bound: " + binding.service() + " '" + binding.name()
					+ "' from " + binding.source()));
		};
	}

}
