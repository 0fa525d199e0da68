package dev.btpboot.observability;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import dev.btpboot.testing.KubeletSecretVolume;
import dev.btpboot.testing.OtlpGrpcReceiver;
import dev.btpboot.testing.OtlpGrpcReceiver.Received;
import dev.btpboot.testing.TestCertificates;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.sdk.logs.SdkLoggerProvider;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.cloud.CloudPlatform;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.web.context.support.StandardServletEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Spring Boot's OTLP exporters send to a receiver that behaves as SAP Cloud Logging's ingest
 * endpoint (OTLP/gRPC over TLS, client certificate required), configured by nothing but the
 * cloud-logging binding, in the platform's layout: mounted files on Kubernetes (traces and logs by
 * OTLP) and VCAP_SERVICES on Cloud Foundry (traces by OTLP, logs by stdout).
 */
class CloudLoggingExportTests {

	private static final HttpClient http = HttpClient.newHttpClient();

	private final OtlpGrpcReceiver receiver = new OtlpGrpcReceiver();

	@TempDir
	Path bindingRoot;

	@AfterEach
	void stopReceiver() {
		this.receiver.close();
	}

	@Test
	void onKubernetesTracesAndLogsReachCloudLoggingWithTheBindingsClientCertificateAndPlatformAttributes()
			throws Exception {
		TestCertificates.Issued client = this.receiver.clientCertificate("cls-client-1");
		KubeletSecretVolume.mount(this.bindingRoot.resolve("cloud-logging"), bindingFiles(client));
		try (ConfigurableApplicationContext context = startOnKubernetes()) {
			HttpResponse<String> response = get(context, "/hello", "corr-4711");
			assertThat(response.statusCode()).isEqualTo(200);
			assertThat(response.headers().firstValue("X-CorrelationID")).hasValue("corr-4711");
			flush(context);
			Received<ExportTraceServiceRequest> traces = OtlpGrpcReceiver.awaitExport(this.receiver.traces(),
					(request) -> OtlpData.spans(request)
						.anyMatch((span) -> "corr-4711".equals(OtlpData.attributes(span.getAttributesList())
							.get("correlation_id"))));
			assertThat(traces.clientSubject()).isEqualTo("CN=cls-client-1");
			assertThat(OtlpData.attributes(OtlpData.resource(traces.request()).getAttributesList()))
				.containsEntry("service.name", "bookshop")
				.containsEntry("k8s.namespace.name", "shop")
				.containsEntry("k8s.pod.name", "bookshop-7d9f-abcde")
				.containsEntry("service.instance.id", "bookshop-7d9f-abcde");
			var logs = OtlpGrpcReceiver.awaitExport(this.receiver.logs(), (request) -> OtlpData.logRecords(request)
				.anyMatch((record) -> record.getBody().getStringValue().equals(ObservabilityTestApplication.LOG_LINE)));
			assertThat(logs.clientSubject()).isEqualTo("CN=cls-client-1");
			var record = OtlpData.logRecords(logs.request())
				.filter((r) -> r.getBody().getStringValue().equals(ObservabilityTestApplication.LOG_LINE))
				.findFirst()
				.orElseThrow();
			assertThat(OtlpData.attributes(record.getAttributesList())).containsEntry("correlation_id", "corr-4711");
			assertThat(record.getTraceId().isEmpty()).as("the log line carries the request's trace").isFalse();
			assertThat(this.receiver.metrics()).as("Micrometer's OTLP registry speaks HTTP only: not exported")
				.isEmpty();
		}
	}

	@Test
	void aRotatedCertificateReachesTheExportersWhenTheKubeletSwapsTheSecret() throws Exception {
		KubeletSecretVolume volume = KubeletSecretVolume.mount(this.bindingRoot.resolve("cloud-logging"),
				bindingFiles(this.receiver.clientCertificate("cls-client-1")));
		try (ConfigurableApplicationContext context = startOnKubernetes("btp.bindings.refresh-interval=100ms")) {
			get(context, "/hello", "before-rotation");
			flush(context);
			assertThat(OtlpGrpcReceiver.awaitExport(this.receiver.traces(), (request) -> true).clientSubject())
				.isEqualTo("CN=cls-client-1");
			volume.update(bindingFiles(this.receiver.clientCertificate("cls-client-2")));
			await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
				get(context, "/hello", "after-rotation");
				flush(context);
				assertThat(this.receiver.traces()).anySatisfy((received) -> {
					assertThat(received.clientSubject()).isEqualTo("CN=cls-client-2");
					assertThat(OtlpData.spans(received.request())
						.map((span) -> OtlpData.attributes(span.getAttributesList()).get("correlation_id")))
						.contains("after-rotation");
				});
			});
		}
	}

	@Test
	void onCloudFoundryTracesReachCloudLoggingAndLogsStayOnStdout() throws Exception {
		TestCertificates.Issued client = this.receiver.clientCertificate("cls-client-cf");
		Map<String, Object> credentials = new LinkedHashMap<>(bindingFiles(client));
		credentials.remove("type");
		String vcapServices = JsonMapper.shared()
			.writeValueAsString(Map.of("cloud-logging", new Object[] { Map.of("name", "bookshop-logs", "label",
					"cloud-logging", "plan", "standard", "credentials", credentials) }));
		String vcapApplication = """
				{"application_id":"a1b2","application_name":"bookshop","instance_id":"i-7","instance_index":0,
				 "organization_id":"o-1","organization_name":"acme","space_id":"s-1","space_name":"dev"}""";
		try (ConfigurableApplicationContext context = start(Map.of("VCAP_SERVICES", vcapServices, "VCAP_APPLICATION",
				vcapApplication), "spring.application.name=")) {
			assertThat(CloudPlatform.getActive(context.getEnvironment())).isEqualTo(CloudPlatform.CLOUD_FOUNDRY);
			get(context, "/hello", "corr-cf");
			flush(context);
			Received<ExportTraceServiceRequest> traces = OtlpGrpcReceiver.awaitExport(this.receiver.traces(),
					(request) -> OtlpData.spans(request)
						.anyMatch((span) -> "corr-cf".equals(OtlpData.attributes(span.getAttributesList())
							.get("correlation_id"))));
			assertThat(traces.clientSubject()).isEqualTo("CN=cls-client-cf");
			assertThat(OtlpData.attributes(OtlpData.resource(traces.request()).getAttributesList()))
				.containsEntry("service.name", "bookshop")
				.containsEntry("cloudfoundry.org.name", "acme")
				.containsEntry("cloudfoundry.space.name", "dev")
				.containsEntry("cloudfoundry.app.id", "a1b2")
				.containsEntry("cloudfoundry.app.instance.id", "0")
				.containsEntry("sap.cf.app_name", "bookshop")
				.containsEntry("service.instance.id", "i-7");
			assertThat(context.getBeansOfType(SdkLoggerProvider.class).values())
				.allSatisfy((provider) -> provider.forceFlush().join(10, TimeUnit.SECONDS));
			assertThat(this.receiver.logs()).as("Cloud Logging takes in stdout on Cloud Foundry").isEmpty();
		}
	}

	static Map<String, String> bindingFiles(TestCertificates.Issued client, OtlpGrpcReceiver receiver) {
		Map<String, String> files = new LinkedHashMap<>();
		files.put("type", "cloud-logging");
		files.put("ingest-otlp-endpoint", receiver.endpoint());
		files.put("ingest-otlp-cert", client.certificatePem());
		files.put("ingest-otlp-key", client.privateKeyPem());
		files.put("server-ca", receiver.serverCa().certificatePem());
		return files;
	}

	private Map<String, String> bindingFiles(TestCertificates.Issued client) {
		return bindingFiles(client, this.receiver);
	}

	private ConfigurableApplicationContext startOnKubernetes(String... properties) {
		return start(Map.of("KUBERNETES_SERVICE_HOST", "10.96.0.1", "KUBERNETES_SERVICE_PORT", "443", "POD_NAME",
				"bookshop-7d9f-abcde", "POD_NAMESPACE", "shop"),
				Stream.concat(Stream.of("btp.bindings.kubernetes-root=" + this.bindingRoot), Stream.of(properties))
					.toArray(String[]::new));
	}

	/** Starts the application with the platform's variables in the system environment, where Boot looks for them. */
	static ConfigurableApplicationContext start(Map<String, String> platformVariables, String... properties) {
		StandardServletEnvironment environment = new StandardServletEnvironment();
		Map<String, Object> variables = new HashMap<>(System.getenv());
		variables.putAll(platformVariables);
		environment.getPropertySources()
			.replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, new SystemEnvironmentPropertySource(
					StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, variables));
		String[] all = Stream.concat(Stream.of("server.port=0", "server.address=127.0.0.1",
				"spring.application.name=bookshop", "btp.security.enabled=false",
				"management.tracing.sampling.probability=1.0"), Stream.of(properties))
			.toArray(String[]::new);
		return new SpringApplicationBuilder(ObservabilityTestApplication.class).environment(environment)
			.properties(all)
			.run();
	}

	static HttpResponse<String> get(ConfigurableApplicationContext context, String path, String correlationId)
			throws IOException, InterruptedException {
		int port = Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
		if (correlationId != null) {
			request.header("X-CorrelationID", correlationId);
		}
		return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	/** Exports what the SDK holds now instead of waiting for the batch processors' schedule. */
	static void flush(ConfigurableApplicationContext context) {
		context.getBeansOfType(SdkTracerProvider.class)
			.values()
			.forEach((provider) -> provider.forceFlush().join(10, TimeUnit.SECONDS));
		context.getBeansOfType(SdkLoggerProvider.class)
			.values()
			.forEach((provider) -> provider.forceFlush().join(10, TimeUnit.SECONDS));
	}

}
