package dev.btpboot.observability;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.instrumentation.logback.appender.v1_0.OpenTelemetryAppender;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;

/**
 * Sends the application's Logback events to the OpenTelemetry SDK (and so to Spring Boot's OTLP log
 * exporter): OpenTelemetry's Logback appender on the root logger, with the MDC (correlation id,
 * tenant) as attributes. An appender the application configured itself (logback-spring.xml) is
 * used instead of a second one. Attached once the singletons exist, removed when the context
 * closes.
 */
final class OpenTelemetryLogbackAppender implements SmartInitializingSingleton, DisposableBean {

	static final String NAME = "BTP_OPENTELEMETRY";

	private final ObjectProvider<OpenTelemetry> openTelemetry;

	private OpenTelemetryAppender attached;

	OpenTelemetryLogbackAppender(ObjectProvider<OpenTelemetry> openTelemetry) {
		this.openTelemetry = openTelemetry;
	}

	@Override
	public void afterSingletonsInstantiated() {
		OpenTelemetry openTelemetry = this.openTelemetry.getIfAvailable();
		if (openTelemetry == null || !(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
			return;
		}
		Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
		if (!hasOwnAppender(root)) {
			OpenTelemetryAppender appender = new OpenTelemetryAppender();
			appender.setName(NAME);
			appender.setContext(context);
			appender.setCaptureMdcAttributes("*");
			appender.setCaptureKeyValuePairAttributes(true);
			appender.setCaptureExperimentalAttributes(true);
			appender.start();
			root.addAppender(appender);
			this.attached = appender;
		}
		OpenTelemetryAppender.install(openTelemetry);
	}

	private static boolean hasOwnAppender(Logger root) {
		for (var appenders = root.iteratorForAppenders(); appenders.hasNext();) {
			Appender<ILoggingEvent> appender = appenders.next();
			if (appender instanceof OpenTelemetryAppender) {
				return true;
			}
		}
		return false;
	}

	@Override
	public void destroy() {
		if (this.attached != null && LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
			context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).detachAppender(this.attached);
			this.attached.stop();
			this.attached = null;
		}
	}

}
