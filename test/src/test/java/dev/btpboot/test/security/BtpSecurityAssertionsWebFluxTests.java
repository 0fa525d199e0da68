package dev.btpboot.test.security;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import org.springframework.boot.ApplicationContextFactory;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.reactor.netty.NettyWebServer;
import org.springframework.boot.web.context.reactive.AnnotationConfigReactiveWebApplicationContext;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatchers;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.reactive.function.server.RequestPredicates;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatNoException;

/**
 * {@link BtpSecurityAssertions#assertNoOpenEndpoints} for a WebFlux application with the starter's
 * reactive chain (mock mode), over Netty.
 */
class BtpSecurityAssertionsWebFluxTests {

	@Test
	void anEndpointThatAUserChainOpensByAccidentFailsTheAssertionByName() {
		try (ConfigurableApplicationContext context = start(Application.class, AccidentallyOpenChain.class)) {
			assertThat(((WebServerApplicationContext) context).getWebServer()).isInstanceOf(NettyWebServer.class);
			assertThatExceptionOfType(AssertionError.class)
				.isThrownBy(() -> BtpSecurityAssertions.assertNoOpenEndpoints(context))
				.withMessageContaining("GET /open/1 answered 200 (mapped as /open/{id} by " + Endpoints.class.getName()
						+ "#open")
				.withMessageContaining("POST /open/1 answered 200")
				.withMessageContaining("GET /open/routes/1/items answered 200 (mapped as /open/routes/{name}/items by router function")
				.withMessageNotContaining("/reports")
				.withMessageNotContaining("/public");
		}
	}

	@Test
	void anApplicationWhoseEndpointsAllNeedAUserPassesAndItsPublicPathsStayOpen() {
		try (ConfigurableApplicationContext context = start(Application.class)) {
			assertThatNoException().isThrownBy(() -> BtpSecurityAssertions.assertNoOpenEndpoints(context));
		}
	}

	@Test
	void theBasePathOfTheApplicationIsPartOfEveryRequest() {
		try (ConfigurableApplicationContext context = start(new String[] { "spring.webflux.base-path=/base" },
				Application.class, AccidentallyOpenChain.class)) {
			assertThatExceptionOfType(AssertionError.class)
				.isThrownBy(() -> BtpSecurityAssertions.assertNoOpenEndpoints(context))
				.withMessageContaining("GET /open/1 answered 200");
		}
	}

	@Test
	void withoutARunningServerTheRequestsGoThroughTheApplicationsWebFilters() {
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(Application.class,
				AccidentallyOpenChain.class)
			.contextFactory(ApplicationContextFactory.ofContextClass(AnnotationConfigReactiveWebApplicationContext.class))
			.properties("spring.main.web-application-type=reactive", "btp.security.public-paths=/public/**")
			.run()) {
			assertThat(context.getEnvironment().getProperty("local.server.port")).isNull();
			assertThatExceptionOfType(AssertionError.class)
				.isThrownBy(() -> BtpSecurityAssertions.assertNoOpenEndpoints(context))
				.withMessageContaining("GET /open/1 answered 200")
				.withMessageNotContaining("/reports");
		}
	}

	private static ConfigurableApplicationContext start(Class<?>... sources) {
		return start(new String[0], sources);
	}

	private static ConfigurableApplicationContext start(String[] properties, Class<?>... sources) {
		return new SpringApplicationBuilder(sources)
			.properties("spring.main.web-application-type=reactive", "server.port=0", "server.address=127.0.0.1",
					"btp.security.public-paths=/public/**")
			.properties(properties)
			.run();
	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	@Import(Endpoints.class)
	static class Application {

		@Bean
		RouterFunction<ServerResponse> routes() {
			return RouterFunctions.route()
				.nest(RequestPredicates.path("/open/routes"), (builder) -> builder.GET("/{name}/items",
						(request) -> ServerResponse.ok().bodyValue("routed")))
				.GET("/reports/routes/{name}", (request) -> ServerResponse.ok().bodyValue("routed"))
				.build();
		}

	}

	/** A user's chain meant for something else that lets a whole path through. */
	@Configuration(proxyBeanMethods = false)
	static class AccidentallyOpenChain {

		@Bean
		@Order(1)
		SecurityWebFilterChain openByAccident(ServerHttpSecurity http) {
			return http.securityMatcher(ServerWebExchangeMatchers.pathMatchers("/open/**"))
				.csrf((csrf) -> csrf.disable())
				.authorizeExchange((exchanges) -> exchanges.anyExchange().permitAll())
				.build();
		}

	}

	@RestController
	static class Endpoints {

		@GetMapping("/open/{id}")
		Mono<String> open(@PathVariable String id) {
			return Mono.just(id);
		}

		@PostMapping("/open/{id}")
		Mono<String> change(@PathVariable String id) {
			return Mono.just(id);
		}

		@GetMapping("/reports/{id}")
		Mono<String> report(@PathVariable String id) {
			return Mono.just(id);
		}

		@GetMapping("/public/info")
		Mono<String> info() {
			return Mono.just("public");
		}

	}

}
