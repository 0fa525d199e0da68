package dev.btpboot.binding;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Explains a start-up that failed on a service binding: which source, binding and field, and what to do. */
class ServiceBindingFailureAnalyzer extends AbstractFailureAnalyzer<ServiceBindingException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, ServiceBindingException cause) {
		return new FailureAnalysis(cause.getMessage(), cause.getAction(), cause);
	}

}
