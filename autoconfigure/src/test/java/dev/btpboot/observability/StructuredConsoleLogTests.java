package dev.btpboot.observability;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.util.ContextInitializer;
import ch.qos.logback.core.joran.spi.JoranException;
import dev.btpboot.testing.KubeletSecretVolume;
import dev.btpboot.testing.OtlpGrpcReceiver;
import dev.btpboot.testing.TestCertificates;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * On Kubernetes the console log is Spring Boot's structured JSON (ECS), one object per line, with
 * the request's correlation id from the MDC; Boot's own console configuration is used as an
 * application without a Logback file gets it. With DEBUG on, neither the console nor the logs
 * exported to Cloud Logging hold the binding's private key.
 */
@ExtendWith(OutputCaptureExtension.class)
class StructuredConsoleLogTests {

	/** Back to the tests' logback-test.xml for the tests that run after this one in the same JVM. */
	@AfterEach
	void restoreTestLogging() throws JoranException {
		LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
		context.reset();
		new ContextInitializer(context).autoConfig();
	}

	@Test
	void onKubernetesEachConsoleLineIsAnEcsJsonObjectWithTheCorrelationId(CapturedOutput output) throws Exception {
		try (ConfigurableApplicationContext context = CloudLoggingExportTests.start(
				Map.of("KUBERNETES_SERVICE_HOST", "10.96.0.1", "KUBERNETES_SERVICE_PORT", "443"),
				"logging.config=classpath:dev/btpboot/observability/boot-default-console.xml",
				"btp.bindings.kubernetes-root=/nonexistent")) {
			CloudLoggingExportTests.get(context, "/hello", "corr-json-1");
		}
		List<String> lines = output.getOut().lines().filter((line) -> !line.isBlank()).toList();
		assertThat(lines).isNotEmpty().allSatisfy((line) -> assertThat(line).startsWith("{").endsWith("}"));
		JsonNode hello = lines.stream()
			.map((line) -> JsonMapper.shared().readTree(line))
			.filter((json) -> ObservabilityTestApplication.LOG_LINE.equals(json.path("message").asString(null)))
			.findFirst()
			.orElseThrow();
		assertThat(hello.path("log").path("level").asString()).isEqualTo("WARN");
		assertThat(hello.path("correlation_id").asString()).isEqualTo("corr-json-1");
		assertThat(hello.path("service").path("name").asString()).isEqualTo("bookshop");
	}

	@Test
	void withDebugOnNoConsoleLineNorExportedLogHoldsTheBindingsPrivateKey(CapturedOutput output, @TempDir Path root)
			throws Exception {
		try (OtlpGrpcReceiver receiver = new OtlpGrpcReceiver()) {
			TestCertificates.Issued client = receiver.clientCertificate("cls-client-1");
			KubeletSecretVolume.mount(root.resolve("cloud-logging"), CloudLoggingExportTests.bindingFiles(client, receiver));
			try (ConfigurableApplicationContext context = CloudLoggingExportTests.start(
					Map.of("KUBERNETES_SERVICE_HOST", "10.96.0.1", "KUBERNETES_SERVICE_PORT", "443"),
					"logging.config=classpath:dev/btpboot/observability/boot-default-console.xml",
					"logging.level.dev.btpboot=DEBUG", "logging.level.io.opentelemetry=DEBUG",
					"logging.level.org.springframework.boot=DEBUG",
					"btp.bindings.kubernetes-root=" + root)) {
				CloudLoggingExportTests.get(context, "/hello", "corr-json-2");
				CloudLoggingExportTests.flush(context);
				var logs = OtlpGrpcReceiver.awaitExport(receiver.logs(), (request) -> OtlpData.logRecords(request)
					.anyMatch((record) -> record.getBody().getStringValue().equals(ObservabilityTestApplication.LOG_LINE)));
				assertThat(logs.request().toString()).doesNotContain("PRIVATE KEY", TestCertificates.base64Body(client.privateKeyPem()));
			}
			assertThat(output.getOut()).as("the DEBUG lines are there").contains("\"level\":\"DEBUG\"");
			assertThat(output).doesNotContain("PRIVATE KEY", TestCertificates.base64Body(client.privateKeyPem()));
		}
	}

}
