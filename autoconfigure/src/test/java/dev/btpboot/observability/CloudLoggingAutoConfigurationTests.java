package dev.btpboot.observability;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import dev.btpboot.binding.BindingsAutoConfiguration;
import dev.btpboot.testing.OtlpGrpcReceiver;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.exporter.otlp.logs.OtlpGrpcLogRecordExporter;
import io.opentelemetry.exporter.otlp.trace.OtlpGrpcSpanExporter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.BeanCreationException;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.otlp.OtlpTracingConnectionDetails;
import org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.otlp.Transport;
import org.springframework.boot.opentelemetry.autoconfigure.logging.otlp.OtlpLoggingConnectionDetails;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * When Spring Boot's exporters send to SAP Cloud Logging and when they do not: without the
 * binding, switched off, pointed elsewhere by the application, or with OpenTelemetry missing.
 */
@ExtendWith(OutputCaptureExtension.class)
class CloudLoggingAutoConfigurationTests {

	private final OtlpGrpcReceiver receiver = new OtlpGrpcReceiver();

	@AfterEach
	void stopReceiver() {
		this.receiver.close();
	}

	@Test
	void withoutTheBindingNothingIsExported() {
		try (ConfigurableApplicationContext context = start(null)) {
			assertThat(context.getBeansOfType(CloudLoggingConnection.class)).isEmpty();
			assertThat(context.getBeansOfType(OtlpTracingConnectionDetails.class)).isEmpty();
			assertThat(context.getBeansOfType(OtlpGrpcSpanExporter.class)).isEmpty();
			assertThat(context.getEnvironment().getProperty("management.opentelemetry.tracing.export.otlp.transport"))
				.isNull();
		}
	}

	@Test
	void withTheBindingBootsGrpcExportersUseItsEndpointAndSslBundle() {
		try (ConfigurableApplicationContext context = start(vcapServices())) {
			OtlpTracingConnectionDetails tracing = context.getBean(OtlpTracingConnectionDetails.class);
			assertThat(tracing.getUrl(Transport.GRPC)).isEqualTo("https://" + this.receiver.endpoint());
			assertThat(tracing.getSslBundle()).isNotNull();
			assertThat(context.getBeansOfType(OtlpGrpcSpanExporter.class)).hasSize(1);
			assertThat(context.getEnvironment().getProperty("management.otlp.metrics.export.enabled"))
				.as("Micrometer's OTLP registry speaks HTTP only").isEqualTo("false");
		}
	}

	@Test
	void switchedOffNothingIsExportedDespiteTheBinding() {
		try (ConfigurableApplicationContext context = start(vcapServices(), "btp.observability.enabled=false")) {
			assertThat(context.getBeansOfType(CloudLoggingConnection.class)).isEmpty();
			assertThat(context.getBeansOfType(OtlpGrpcSpanExporter.class)).isEmpty();
			assertThat(context.getBeansOfType(OtlpHttpSpanExporter.class)).isEmpty();
		}
	}

	@Test
	void theApplicationsOwnEndpointWinsWithItsOwnTransport() {
		try (ConfigurableApplicationContext context = start(vcapServices(),
				"management.opentelemetry.tracing.export.otlp.endpoint=http://127.0.0.1:4318/v1/traces",
				"management.otlp.metrics.export.url=http://127.0.0.1:4318/v1/metrics")) {
			assertThat(context.getBean(OtlpTracingConnectionDetails.class))
				.isNotInstanceOf(CloudLoggingTracingConnectionDetails.class);
			assertThat(context.getBeansOfType(OtlpHttpSpanExporter.class)).hasSize(1);
			assertThat(context.getBeansOfType(OtlpGrpcSpanExporter.class)).isEmpty();
			assertThat(context.getEnvironment().getProperty("management.otlp.metrics.export.enabled")).isNull();
		}
	}

	@Test
	void theApplicationsOwnConnectionDetailsWin() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(BindingsAutoConfiguration.class,
					CloudLoggingAutoConfiguration.class))
			.withPropertyValues("VCAP_SERVICES=" + vcapServices(), "btp.bindings.kubernetes-root=/nonexistent")
			.withBean(OtlpTracingConnectionDetails.class, () -> (transport) -> "https://own.example:443")
			.withBean(OtlpLoggingConnectionDetails.class, () -> (transport) -> "https://own.example:443")
			.run((context) -> {
				assertThat(context).hasSingleBean(OtlpTracingConnectionDetails.class);
				assertThat(context.getBean(OtlpTracingConnectionDetails.class).getUrl(Transport.GRPC))
					.isEqualTo("https://own.example:443");
			});
	}

	@Test
	void httpTransportIsRefusedNamingTheBindingAndTheProperty() {
		assertThatExceptionOfType(BeanCreationException.class)
			.isThrownBy(() -> start(vcapServices(), "management.opentelemetry.tracing.export.otlp.transport=http"))
			.havingRootCause()
			.withMessageContaining("binding 'logs'")
			.withMessageContaining("gRPC only")
			.withMessageContaining("management.opentelemetry.tracing.export.otlp.transport=http");
	}

	@Test
	void onKubernetesLogsGoByOtlpAndOnCloudFoundryNot() {
		try (ConfigurableApplicationContext context = start(vcapServices(), "spring.main.cloud-platform=kubernetes")) {
			assertThat(context.getBeansOfType(OtlpGrpcLogRecordExporter.class)).hasSize(1);
			assertThat(context.getBeansOfType(OpenTelemetryLogbackAppender.class)).hasSize(1);
		}
		try (ConfigurableApplicationContext context = start(vcapServices(), "spring.main.cloud-platform=cloud_foundry")) {
			assertThat(context.getBeansOfType(OtlpGrpcLogRecordExporter.class)).isEmpty();
			assertThat(context.getBeansOfType(OpenTelemetryLogbackAppender.class)).isEmpty();
		}
	}

	@Test
	void switchedOnExplicitlyWithoutOpenTelemetryTheStartFailsNamingTheDependency() {
		runnerWithoutOpenTelemetry().withPropertyValues("btp.observability.enabled=true").run((context) -> {
			assertThat(context).hasFailed();
			FailureAnalysis analysis = new ObservabilityFailureAnalyzer().analyze(context.getStartupFailure());
			assertThat(analysis).isNotNull();
			assertThat(analysis.getDescription()).contains("binding 'logs'")
				.contains(OpenTelemetryDependencies.STARTER);
			assertThat(analysis.getAction()).contains("'" + OpenTelemetryDependencies.STARTER + "'")
				.contains("btp.observability.enabled=false");
		});
	}

	@Test
	void impliedByTheBindingAloneWithoutOpenTelemetryOneWarningNamesTheDependency(CapturedOutput output) {
		runnerWithoutOpenTelemetry().run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(output).contains("SAP Cloud Logging binding 'logs' is bound, but nothing is exported")
				.contains(OpenTelemetryDependencies.STARTER);
		});
	}

	private ApplicationContextRunner runnerWithoutOpenTelemetry() {
		return new ApplicationContextRunner()
			.withClassLoader(new FilteredClassLoader("io.opentelemetry.exporter.otlp", "io.micrometer.tracing.otel"))
			.withConfiguration(AutoConfigurations.of(BindingsAutoConfiguration.class,
					CloudLoggingAutoConfiguration.class))
			.withPropertyValues("VCAP_SERVICES=" + vcapServices(), "btp.bindings.kubernetes-root=/nonexistent");
	}

	private String vcapServices() {
		Map<String, Object> binding = Map.of("name", "logs", "label", "cloud-logging", "credentials",
				CloudLoggingExportTests.bindingFiles(this.receiver.clientCertificate("cls-client"), this.receiver));
		return JsonMapper.shared().writeValueAsString(Map.of("cloud-logging", List.of(binding)));
	}

	private static ConfigurableApplicationContext start(String vcapServices, String... properties) {
		Stream<String> binding = (vcapServices != null) ? Stream.of("VCAP_SERVICES=" + vcapServices) : Stream.empty();
		return new SpringApplicationBuilder(NoWebApplication.class)
			.properties(Stream
				.concat(Stream.concat(binding, Stream.of("spring.main.web-application-type=none",
						"btp.bindings.kubernetes-root=/nonexistent", "btp.security.enabled=false")), Stream.of(properties))
				.toArray(String[]::new))
			.run();
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration(excludeName = "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration")
	static class NoWebApplication {

	}

}
