package dev.btpboot.tenancy;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Explains a start-up that failed on the tenancy configuration. */
class TenancyFailureAnalyzer extends AbstractFailureAnalyzer<TenancyConfigurationException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, TenancyConfigurationException cause) {
		return new FailureAnalysis(cause.getProblem(), cause.getAction(), cause);
	}

}
