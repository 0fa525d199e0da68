package dev.btpboot.testing;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggerConfiguration;
import org.springframework.boot.logging.LoggingSystem;

/**
 * DEBUG for the starter ({@code dev.btpboot}) and token-client ({@code com.sap.cloud.security})
 * during each test, the configured levels restored after it: for tests that assert what never
 * reaches a log. Output goes where all test output goes (target/surefire-reports).
 */
public final class DebugLogging implements BeforeEachCallback, AfterEachCallback {

	private static final List<String> LOGGERS = List.of("dev.btpboot", "com.sap.cloud.security");

	private final Map<String, LogLevel> previous = new HashMap<>();

	@Override
	public void beforeEach(ExtensionContext context) {
		LoggingSystem logging = LoggingSystem.get(getClass().getClassLoader());
		for (String logger : LOGGERS) {
			LoggerConfiguration configuration = logging.getLoggerConfiguration(logger);
			this.previous.put(logger, (configuration != null) ? configuration.getConfiguredLevel() : null);
			logging.setLogLevel(logger, LogLevel.DEBUG);
		}
	}

	@Override
	public void afterEach(ExtensionContext context) {
		LoggingSystem logging = LoggingSystem.get(getClass().getClassLoader());
		this.previous.forEach(logging::setLogLevel);
		this.previous.clear();
	}

}
