package dev.btpboot.observability;

import java.util.List;

import dev.btpboot.binding.BindingsAutoConfiguration;
import dev.btpboot.binding.CloudLoggingCredentials;
import dev.btpboot.binding.ConditionalOnServiceBinding;
import dev.btpboot.binding.ServiceBindings;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.exporter.otlp.logs.OtlpGrpcLogRecordExporter;
import io.opentelemetry.exporter.otlp.trace.OtlpGrpcSpanExporter;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnCloudPlatform;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.NoneNestedConditions;
import org.springframework.boot.cloud.CloudPlatform;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.otlp.OtlpTracingConnectionDetails;
import org.springframework.boot.opentelemetry.autoconfigure.logging.otlp.OtlpLoggingConnectionDetails;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.io.ResourceLoader;

/**
 * With a cloud-logging binding, Spring Boot's OTLP exporters send to SAP Cloud Logging: Boot's
 * {@link OtlpTracingConnectionDetails} and {@link OtlpLoggingConnectionDetails} with the binding's
 * endpoint and an SSL bundle of its client certificate and server CA that follows rotations
 * ({@code ObservabilityEnvironmentPostProcessor} makes gRPC their transport). Logs go by OTLP
 * (OpenTelemetry's Logback appender) except on Cloud Foundry, where the binding already takes in
 * stdout. The application's own {@code management.opentelemetry.*.export.otlp.endpoint} or
 * connection details win; {@code btp.observability.enabled=false} exports nothing.
 */
@AutoConfiguration(after = BindingsAutoConfiguration.class,
		beforeName = { "org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.otlp.OtlpTracingAutoConfiguration",
				"org.springframework.boot.opentelemetry.autoconfigure.logging.otlp.OtlpLoggingAutoConfiguration" })
@ConditionalOnServiceBinding(CloudLoggingCredentials.SERVICE)
@ConditionalOnBooleanProperty(name = "btp.observability.enabled", matchIfMissing = true)
@EnableConfigurationProperties(ObservabilityProperties.class)
public final class CloudLoggingAutoConfiguration {

	private static final Log logger = LogFactory.getLog(CloudLoggingAutoConfiguration.class);

	@Bean
	@ConditionalOnMissingBean
	CloudLoggingConnection btpCloudLoggingConnection(ServiceBindings bindings) {
		return new CloudLoggingConnection(bindings);
	}

	/**
	 * Export needs OpenTelemetry, which this starter does not bring: switched on explicitly, its
	 * absence stops the start; implied by the binding alone, one warning says what is missing.
	 */
	@Bean
	InitializingBean btpCloudLoggingDependencyCheck(Environment environment, ResourceLoader resourceLoader,
			CloudLoggingConnection connection) {
		return () -> {
			List<String> missing = OpenTelemetryDependencies.missing(logsByOtlp(environment),
					resourceLoader.getClassLoader());
			if (missing.isEmpty()) {
				return;
			}
			if (environment.getProperty("btp.observability.enabled", Boolean.class, false)) {
				throw new ObservabilityDependencyException(connection.bindingName(), missing);
			}
			logger.warn("SAP Cloud Logging binding '" + connection.bindingName() + "' is bound, but nothing is exported "
					+ "to it over OTLP: add " + String.join(" and ", missing)
					+ " (or set btp.observability.enabled=false to silence this)");
		};
	}

	private static boolean logsByOtlp(Environment environment) {
		return !CloudPlatform.CLOUD_FOUNDRY.isActive(environment);
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ OtlpTracingConnectionDetails.class, OtlpGrpcSpanExporter.class })
	@Conditional(NoOwnTracingEndpoint.class)
	static class TracingConfiguration {

		@Bean
		@ConditionalOnMissingBean(OtlpTracingConnectionDetails.class)
		OtlpTracingConnectionDetails btpCloudLoggingTracingConnectionDetails(CloudLoggingConnection connection) {
			return new CloudLoggingTracingConnectionDetails(connection);
		}

	}

	/** Logs by OTLP everywhere but on Cloud Foundry, whose cloud-logging binding takes in stdout. */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ OtlpLoggingConnectionDetails.class, OtlpGrpcLogRecordExporter.class })
	@Conditional({ NoOwnLoggingEndpoint.class, NotOnCloudFoundry.class })
	static class LoggingConfiguration {

		@Bean
		@ConditionalOnMissingBean(OtlpLoggingConnectionDetails.class)
		OtlpLoggingConnectionDetails btpCloudLoggingLoggingConnectionDetails(CloudLoggingConnection connection) {
			return new CloudLoggingLoggingConnectionDetails(connection);
		}

		@Bean
		@ConditionalOnMissingBean
		@ConditionalOnClass(name = { "ch.qos.logback.classic.LoggerContext",
				OpenTelemetryDependencies.LOGBACK_APPENDER_CLASS })
		OpenTelemetryLogbackAppender btpOpenTelemetryLogbackAppender(ObjectProvider<OpenTelemetry> openTelemetry) {
			return new OpenTelemetryLogbackAppender(openTelemetry);
		}

	}

	static class NoOwnTracingEndpoint extends NoneNestedConditions {

		NoOwnTracingEndpoint() {
			super(ConfigurationPhase.REGISTER_BEAN);
		}

		@ConditionalOnProperty("management.opentelemetry.tracing.export.otlp.endpoint")
		static class OwnEndpoint {

		}

	}

	static class NoOwnLoggingEndpoint extends NoneNestedConditions {

		NoOwnLoggingEndpoint() {
			super(ConfigurationPhase.REGISTER_BEAN);
		}

		@ConditionalOnProperty("management.opentelemetry.logging.export.otlp.endpoint")
		static class OwnEndpoint {

		}

	}

	static class NotOnCloudFoundry extends NoneNestedConditions {

		NotOnCloudFoundry() {
			super(ConfigurationPhase.REGISTER_BEAN);
		}

		@ConditionalOnCloudPlatform(CloudPlatform.CLOUD_FOUNDRY)
		static class CloudFoundry {

		}

	}

}
