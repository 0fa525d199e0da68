package dev.btpboot.destination;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Explains a start-up that failed on local destinations. */
class LocalDestinationsFailureAnalyzer extends AbstractFailureAnalyzer<LocalDestinationsException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, LocalDestinationsException cause) {
		return new FailureAnalysis(cause.getMessage(), cause.getAction(), cause);
	}

}
