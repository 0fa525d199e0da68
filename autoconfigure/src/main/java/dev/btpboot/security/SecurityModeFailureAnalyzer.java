package dev.btpboot.security;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Explains why the security configuration refused to start and how to fix it. */
class SecurityModeFailureAnalyzer extends AbstractFailureAnalyzer<SecurityModeException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, SecurityModeException cause) {
		return new FailureAnalysis(cause.getMessage(), cause.getAction(), cause);
	}

}
