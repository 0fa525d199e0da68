package dev.btpboot.observability;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** An application whose one endpoint logs a line, with every auto-configuration of the class path. */
@SpringBootConfiguration
@EnableAutoConfiguration(excludeName = "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration")
class ObservabilityTestApplication {

	static final String LOG_LINE = "Handled the hello request";

	/** With the starter's chain switched off, the application's own opens the endpoint. */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBooleanProperty(name = "btp.security.enabled", havingValue = false)
	static class OpenSecurity {

		@Bean
		SecurityFilterChain openChain(HttpSecurity http) {
			return http.authorizeHttpRequests((requests) -> requests.anyRequest().permitAll()).build();
		}

	}

	@RestController
	static class HelloController {

		private static final Logger logger = LoggerFactory.getLogger(HelloController.class);

		@GetMapping("/hello")
		String hello() {
			logger.warn(LOG_LINE);
			return "hello";
		}

	}

}
