package dev.btpboot.samples.reactiveapi;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The main sample on WebFlux: the same REST API as {@code samples/secure-api}, reactive, on Netty.
 * Locally, in the profile dev, it runs with the mock users of application-dev.yml; bound to xsuaa
 * or identity it validates JWTs instead. No {@code @EnableWebFluxSecurity} and no
 * {@code @EnableReactiveMethodSecurity}: the starter secures every endpoint and enforces
 * {@code @PreAuthorize} by default.
 */
@SpringBootApplication
public class ReactiveApiApplication {

	public static void main(String[] args) {
		SpringApplication.run(ReactiveApiApplication.class, args);
	}

}
