package dev.btpboot.observability;

import java.util.ArrayList;
import java.util.List;

import org.springframework.util.ClassUtils;

/**
 * What export to SAP Cloud Logging needs on the class path besides this starter, and which of it is
 * missing: Spring Boot's OpenTelemetry support with the OTLP exporters
 * ({@code spring-boot-starter-opentelemetry}) for traces, and OpenTelemetry's Logback appender for
 * logs over OTLP (off Cloud Foundry, where logs go by stdout).
 */
final class OpenTelemetryDependencies {

	static final String STARTER = "org.springframework.boot:spring-boot-starter-opentelemetry";

	static final String LOGBACK_APPENDER = "io.opentelemetry.instrumentation:opentelemetry-logback-appender-1.0";

	/** Classes of Boot's OTLP tracing and logging auto-configuration, the OTLP exporters and the tracing bridge. */
	private static final List<String> STARTER_CLASSES = List.of(
			"org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.otlp.OtlpTracingConnectionDetails",
			"org.springframework.boot.opentelemetry.autoconfigure.logging.otlp.OtlpLoggingConnectionDetails",
			"io.opentelemetry.exporter.otlp.trace.OtlpGrpcSpanExporter",
			"io.micrometer.tracing.otel.bridge.OtelTracer");

	static final String LOGBACK_APPENDER_CLASS = "io.opentelemetry.instrumentation.logback.appender.v1_0.OpenTelemetryAppender";

	private OpenTelemetryDependencies() {
	}

	/**
	 * @param logsByOtlp whether logs are exported (not on Cloud Foundry)
	 * @param classLoader the application's class loader
	 * @return the Maven coordinates of what is missing, none when export can work
	 */
	static List<String> missing(boolean logsByOtlp, ClassLoader classLoader) {
		List<String> missing = new ArrayList<>();
		if (STARTER_CLASSES.stream().anyMatch((name) -> !ClassUtils.isPresent(name, classLoader))) {
			missing.add(STARTER);
		}
		if (logsByOtlp && !ClassUtils.isPresent(LOGBACK_APPENDER_CLASS, classLoader)) {
			missing.add(LOGBACK_APPENDER);
		}
		return missing;
	}

}
