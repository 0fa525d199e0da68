package dev.btpboot.data;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Explains a start-up that failed on the database configuration. */
class DatabaseFailureAnalyzer extends AbstractFailureAnalyzer<DatabaseConfigurationException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, DatabaseConfigurationException cause) {
		return new FailureAnalysis(cause.getProblem(), cause.getAction(), cause);
	}

}
