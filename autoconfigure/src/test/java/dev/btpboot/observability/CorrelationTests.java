package dev.btpboot.observability;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import com.github.tomakehurst.wiremock.WireMockServer;
import dev.btpboot.destination.http.DestinationClients;
import dev.btpboot.testing.OtlpGrpcReceiver;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.opentelemetry.proto.trace.v1.Span;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * One correlation id from an incoming request through everything the starter does for it: the
 * token request for the destination binding, the Destination service look-up and the call to the
 * destination, each a real peer (WireMock); in the MDC of the request's log lines, on its spans
 * (exported to a Cloud Logging receiver) and in its response. Two mock users of two tenants show
 * the tenant id, never the user, on spans, in the MDC and, with btp.observability.tenant-tag, on
 * metrics.
 */
class CorrelationTests {

	private static final WireMockServer peers = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));

	private static final HttpClient http = HttpClient.newHttpClient();

	private final OtlpGrpcReceiver receiver = new OtlpGrpcReceiver();

	private final List<ILoggingEvent> events = new CopyOnWriteArrayList<>();

	private final AppenderBase<ILoggingEvent> recorder = new AppenderBase<>() {

		@Override
		protected void append(ILoggingEvent event) {
			CorrelationTests.this.events.add(event);
		}

	};

	@BeforeAll
	static void startPeers() {
		peers.start();
	}

	@AfterAll
	static void stopPeers() {
		peers.stop();
	}

	@BeforeEach
	void stubPeers() {
		peers.resetAll();
		peers.stubFor(post(urlPathEqualTo("/oauth/token"))
			.willReturn(okJson("{\"access_token\":\"destination-service-token\",\"expires_in\":3600}")));
		peers.stubFor(get(urlPathEqualTo("/destination-configuration/v1/destinations/erp"))
			.willReturn(okJson("{\"destinationConfiguration\":{\"Name\":\"erp\",\"Type\":\"HTTP\",\"URL\":\""
					+ peers.baseUrl() + "\",\"ProxyType\":\"Internet\",\"Authentication\":\"NoAuthentication\"},"
					+ "\"authTokens\":[],\"certificates\":[]}")));
		peers.stubFor(get(urlPathEqualTo("/items")).willReturn(ok("items")));
		this.recorder.start();
	}

	@AfterEach
	void stop() {
		root().detachAppender(this.recorder);
		this.receiver.close();
	}

	private static Logger root() {
		return (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
	}

	@Test
	void theCorrelationIdTravelsThroughTokenRequestDestinationLookupAndDestinationCall() throws Exception {
		try (ConfigurableApplicationContext context = start()) {
			HttpResponse<String> response = send(context, "alice", "corr-abc-123");
			assertThat(response.statusCode()).isEqualTo(200);
			assertThat(response.body()).isEqualTo("items");
			assertThat(response.headers().firstValue("X-CorrelationID")).hasValue("corr-abc-123");
			peers.verify(postRequestedFor(urlPathEqualTo("/oauth/token")).withHeader("X-CorrelationID",
					equalTo("corr-abc-123")));
			peers.verify(getRequestedFor(urlPathEqualTo("/destination-configuration/v1/destinations/erp"))
				.withHeader("X-CorrelationID", equalTo("corr-abc-123")));
			peers.verify(getRequestedFor(urlPathEqualTo("/items")).withHeader("X-CorrelationID",
					equalTo("corr-abc-123")));
			assertThat(this.events).filteredOn((event) -> event.getFormattedMessage().equals(CorrelationTestApplication.OrdersController.LOG_LINE))
				.singleElement()
				.satisfies((event) -> assertThat(event.getMDCPropertyMap()).containsEntry("correlation_id", "corr-abc-123")
					.containsEntry("tenant_id", "tenant-a-id")
					.doesNotContainValue("alice"));
			CloudLoggingExportTests.flush(context);
			OtlpGrpcReceiver.awaitExport(this.receiver.traces(),
					(request) -> OtlpData.spans(request).anyMatch((span) -> span.getKind() == Span.SpanKind.SPAN_KIND_SERVER
							&& "corr-abc-123".equals(OtlpData.attributes(span.getAttributesList()).get("correlation_id"))));
			List<Map<String, String>> spans = this.receiver.traces()
				.stream()
				.flatMap((received) -> OtlpData.spans(received.request()))
				.map((span) -> OtlpData.attributes(span.getAttributesList()))
				.filter((attributes) -> "corr-abc-123".equals(attributes.get("correlation_id")))
				.toList();
			assertThat(spans).as("the server span and the client span of the destination call")
				.filteredOn((attributes) -> attributes.containsKey("uri"))
				.extracting((attributes) -> attributes.get("uri") + "@" + attributes.get("tenant"))
				.containsExactlyInAnyOrder("/orders@tenant-a-id", "/items@tenant-a-id");
			assertThat(spans).allSatisfy((attributes) -> assertThat(attributes).doesNotContainValue("alice"));
		}
	}

	@Test
	void aRequestWithoutCorrelationIdTakesCloudFoundrysRequestIdOrGetsANewOne() throws Exception {
		try (ConfigurableApplicationContext context = start()) {
			HttpResponse<String> vcap = send(context, "alice", null, "X-Vcap-Request-Id", "vcap-req-42");
			assertThat(vcap.headers().firstValue("X-CorrelationID")).hasValue("vcap-req-42");
			HttpResponse<String> none = send(context, "alice", null);
			assertThat(none.headers().firstValue("X-CorrelationID")).as("a random version-4 UUID")
				.hasValueSatisfying((id) -> assertThat(id)
					.matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}"));
			peers.verify(getRequestedFor(urlPathEqualTo("/items")).withHeader("X-CorrelationID",
					equalTo(none.headers().firstValue("X-CorrelationID").orElseThrow())));
		}
	}

	@Test
	void aForgedCorrelationIdThatIsNoPlainTokenIsReplaced() throws Exception {
		try (ConfigurableApplicationContext context = start()) {
			HttpResponse<String> response = send(context, "alice", "evil\tinjected=\"line\"");
			assertThat(response.headers().firstValue("X-CorrelationID")).hasValueSatisfying(
					(id) -> assertThat(id).matches("[0-9a-f-]{36}"));
			assertThat(this.events).allSatisfy((event) -> assertThat(event.getMDCPropertyMap().values())
				.noneMatch((value) -> value.contains("injected")));
		}
	}

	@Test
	void twoTenantsTagTheirOwnRequestsAndMetricsOnlyWithTenantTag() throws Exception {
		try (ConfigurableApplicationContext context = start("btp.observability.tenant-tag=true")) {
			send(context, "alice", "corr-a");
			send(context, "bob", "corr-b");
			assertThat(this.events).filteredOn((event) -> event.getFormattedMessage().equals(CorrelationTestApplication.OrdersController.LOG_LINE))
				.extracting((event) -> event.getMDCPropertyMap().get("correlation_id") + "@"
						+ event.getMDCPropertyMap().get("tenant_id"))
				.containsExactlyInAnyOrder("corr-a@tenant-a-id", "corr-b@tenant-b-id");
			MeterRegistry meters = context.getBean(MeterRegistry.class);
			// the server observation ends after the response is written
			await().untilAsserted(() -> assertThat(meters.find("http.server.requests").tag("uri", "/orders").timers())
				.extracting((timer) -> timer.getId().getTag("tenant"))
				.containsExactlyInAnyOrder("tenant-a-id", "tenant-b-id"));
			assertThat(send(context, null, "corr-anonymous").statusCode()).isEqualTo(401);
			await().untilAsserted(() -> assertThat(meters.find("http.server.requests").tag("status", "401").timers())
				.as("a request refused before authentication has the tenant tag too")
				.extracting((timer) -> timer.getId().getTag("tenant"))
				.containsExactly("none"));
		}
		try (ConfigurableApplicationContext context = start()) {
			send(context, "alice", "corr-a");
			MeterRegistry meters = context.getBean(MeterRegistry.class);
			await().until(() -> !meters.find("http.server.requests").timers().isEmpty());
			assertThat(meters.find("http.server.requests").timers())
				.allSatisfy((Timer timer) -> assertThat(timer.getId().getTag("tenant")).isNull());
		}
	}

	private ConfigurableApplicationContext start(String... properties) throws Exception {
		Map<String, Object> destination = Map.of("name", "dest", "label", "destination", "credentials",
				Map.of("clientid", "sb-dest", "clientsecret", "dest-S3cr3t", "url", peers.baseUrl(), "uri",
						peers.baseUrl()));
		Map<String, Object> cloudLogging = Map.of("name", "logs", "label", "cloud-logging", "credentials",
				CloudLoggingExportTests.bindingFiles(this.receiver.clientCertificate("cls-client"), this.receiver));
		String vcapServices = JsonMapper.shared()
			.writeValueAsString(Map.of("destination", List.of(destination), "cloud-logging", List.of(cloudLogging)));
		ConfigurableApplicationContext context = new SpringApplicationBuilder(CorrelationTestApplication.class)
			.properties("server.port=0", "server.address=127.0.0.1", "spring.application.name=orders",
					"btp.bindings.kubernetes-root=/nonexistent", "VCAP_SERVICES=" + vcapServices,
					"management.tracing.sampling.probability=1.0", "btp.security.mock.default-users=false",
					"btp.security.mock.users.alice.password=alice-pw", "btp.security.mock.users.alice.tenant=tenant-a-id",
					"btp.security.mock.users.bob.password=bob-pw", "btp.security.mock.users.bob.tenant=tenant-b-id")
			.properties(properties)
			.run();
		// after the start: Spring Boot's logging initialization replaces the appenders
		root().addAppender(this.recorder);
		return context;
	}

	private static HttpResponse<String> send(ConfigurableApplicationContext context, String user, String correlationId,
			String... headers) throws Exception {
		int port = Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/orders"));
		if (user != null) {
			request.header("Authorization", "Basic " + Base64.getEncoder()
				.encodeToString((user + ":" + user + "-pw").getBytes(StandardCharsets.UTF_8)));
		}
		if (correlationId != null) {
			request.header("X-CorrelationID", correlationId);
		}
		if (headers.length > 0) {
			request.headers(headers);
		}
		return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration(excludeName = "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration")
	static class CorrelationTestApplication {

		@RestController
		static class OrdersController {

			static final String LOG_LINE = "Fetching items from the ERP destination";

			private static final org.slf4j.Logger logger = LoggerFactory.getLogger(OrdersController.class);

			private final DestinationClients destinations;

			OrdersController(DestinationClients destinations) {
				this.destinations = destinations;
			}

			@GetMapping("/orders")
			String orders() {
				logger.warn(LOG_LINE);
				return this.destinations.restClient("erp").build().get().uri("/items").retrieve().body(String.class);
			}

		}

	}

}
