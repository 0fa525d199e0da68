package dev.btpboot.destination.tenants;

import dev.btpboot.destination.http.DestinationClients;
import dev.btpboot.destination.http.DestinationWebClients;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.client.RestClient;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.service.annotation.GetExchange;
import org.springframework.web.service.registry.ImportHttpServices;

/**
 * A multitenant application that makes its clients of destination {@code backend} once, at
 * start-up, as a Spring application does: a {@code RestClient}, a {@code WebClient} and an HTTP
 * service group ({@code btp.destinations.http-services.backend=backend}); each of its endpoints
 * calls the backend with one of them.
 */
@SpringBootConfiguration
@EnableAutoConfiguration(excludeName = "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration")
@ImportHttpServices(group = "backend", types = TenantDestinationsApplication.BackendItems.class)
class TenantDestinationsApplication {

	@Bean
	RestClient backendRestClient(DestinationClients destinations) {
		return destinations.restClient("backend").build();
	}

	@Bean
	WebClient backendWebClient(DestinationWebClients destinations) {
		return destinations.webClient("backend").build();
	}

	/** The items of the backend, an HTTP service of group {@code backend}. */
	interface BackendItems {

		@GetExchange("/items")
		String items();

	}

	@RestController
	static class BackendController {

		private final RestClient rest;

		private final WebClient web;

		private final BackendItems group;

		BackendController(RestClient backendRestClient, WebClient backendWebClient, BackendItems group) {
			this.rest = backendRestClient;
			this.web = backendWebClient;
			this.group = group;
		}

		@GetMapping("/backend/rest")
		String rest() {
			return this.rest.get().uri("/items").retrieve().body(String.class);
		}

		@GetMapping("/backend/web")
		String web() {
			return this.web.get().uri("/items").retrieve().bodyToMono(String.class).block();
		}

		@GetMapping("/backend/group")
		String group() {
			return this.group.items();
		}

	}

}
