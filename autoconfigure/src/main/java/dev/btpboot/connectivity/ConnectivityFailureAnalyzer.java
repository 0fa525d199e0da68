package dev.btpboot.connectivity;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Explains a start-up that failed on the connectivity configuration. */
class ConnectivityFailureAnalyzer extends AbstractFailureAnalyzer<ConnectivityConfigurationException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, ConnectivityConfigurationException cause) {
		return new FailureAnalysis(cause.getProblem(), cause.getAction(), cause);
	}

}
