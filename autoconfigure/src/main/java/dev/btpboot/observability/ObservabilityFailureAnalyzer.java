package dev.btpboot.observability;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Explains a start-up that failed because export to SAP Cloud Logging lacks a dependency, and names it. */
class ObservabilityFailureAnalyzer extends AbstractFailureAnalyzer<ObservabilityDependencyException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, ObservabilityDependencyException cause) {
		StringBuilder action = new StringBuilder("Add ");
		action.append(String.join(" and ", cause.getMissing().stream().map((coordinates) -> "'" + coordinates + "'").toList()));
		action.append(" to the application's dependencies (versions from the Spring Boot BOM; the Logback appender ")
			.append("in the version built on its OpenTelemetry API), or set btp.observability.enabled=false to run ")
			.append("without export to SAP Cloud Logging.");
		return new FailureAnalysis(cause.getMessage() + ".", action.toString(), cause);
	}

}
