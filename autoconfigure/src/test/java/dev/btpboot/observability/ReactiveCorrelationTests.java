package dev.btpboot.observability;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import com.github.tomakehurst.wiremock.WireMockServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.reactive.function.client.WebClient;

import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * WebFlux on Reactor Netty: the correlation id of a request is answered, forwarded by Spring Boot's
 * WebClient from the Reactor context, and with automatic context propagation in the MDC of the
 * request's log lines next to the tenant id of two tenants' users.
 */
class ReactiveCorrelationTests {

	private static final WireMockServer peer = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));

	private static final HttpClient http = HttpClient.newHttpClient();

	private final List<ILoggingEvent> events = new CopyOnWriteArrayList<>();

	private final AppenderBase<ILoggingEvent> recorder = new AppenderBase<>() {

		@Override
		protected void append(ILoggingEvent event) {
			ReactiveCorrelationTests.this.events.add(event);
		}

	};

	@BeforeAll
	static void startPeer() {
		peer.start();
		peer.stubFor(get(anyUrl()).willReturn(ok("items")));
	}

	@AfterAll
	static void stopPeer() {
		peer.stop();
	}

	@AfterEach
	void detach() {
		root().detachAppender(this.recorder);
	}

	private static Logger root() {
		return (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
	}

	@Test
	void theCorrelationIdIsAnsweredForwardedByWebClientAndInTheMdcWithTheTenant() throws Exception {
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(ReactiveTestApplication.class)
			.properties("spring.main.web-application-type=reactive", "server.port=0", "server.address=127.0.0.1",
					"btp.bindings.kubernetes-root=/nonexistent", "spring.reactor.context-propagation=auto",
					"peer.url=" + peer.baseUrl(), "btp.security.mock.default-users=false",
					"btp.security.mock.users.alice.password=alice-pw", "btp.security.mock.users.alice.tenant=tenant-a-id",
					"btp.security.mock.users.bob.password=bob-pw", "btp.security.mock.users.bob.tenant=tenant-b-id")
			.run()) {
			this.recorder.start();
			root().addAppender(this.recorder);
			int port = Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
			HttpResponse<String> alice = send(port, "alice", "corr-reactive-a");
			assertThat(alice.statusCode()).isEqualTo(200);
			assertThat(alice.body()).isEqualTo("items");
			assertThat(alice.headers().firstValue("X-CorrelationID")).hasValue("corr-reactive-a");
			peer.verify(getRequestedFor(urlPathEqualTo("/items")).withHeader("X-CorrelationID",
					equalTo("corr-reactive-a")));
			send(port, "bob", "corr-reactive-b");
			assertThat(this.events)
				.filteredOn((event) -> event.getFormattedMessage().equals(ReactiveTestApplication.LOG_LINE))
				.extracting((event) -> event.getMDCPropertyMap().get("correlation_id") + "@"
						+ event.getMDCPropertyMap().get("tenant_id"))
				.containsExactlyInAnyOrder("corr-reactive-a@tenant-a-id", "corr-reactive-b@tenant-b-id");
			HttpResponse<String> anonymous = send(port, null, null);
			assertThat(anonymous.statusCode()).isEqualTo(401);
			assertThat(anonymous.headers().firstValue("X-CorrelationID")).isPresent();
		}
	}

	private static HttpResponse<String> send(int port, String user, String correlationId) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/orders"));
		if (user != null) {
			request.header("Authorization", "Basic "
					+ Base64.getEncoder().encodeToString((user + ":" + user + "-pw").getBytes(StandardCharsets.UTF_8)));
		}
		if (correlationId != null) {
			request.header("X-CorrelationID", correlationId);
		}
		return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration(excludeName = "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration")
	static class ReactiveTestApplication {

		static final String LOG_LINE = "Fetching items reactively";

		@RestController
		static class OrdersController {

			private static final org.slf4j.Logger logger = LoggerFactory.getLogger(OrdersController.class);

			private final WebClient peer;

			OrdersController(WebClient.Builder builder, org.springframework.core.env.Environment environment) {
				this.peer = builder.baseUrl(environment.getRequiredProperty("peer.url")).build();
			}

			@GetMapping("/orders")
			Mono<String> orders() {
				return this.peer.get()
					.uri("/items")
					.retrieve()
					.bodyToMono(String.class)
					.doOnNext((items) -> logger.warn(LOG_LINE));
			}

		}

	}

}
