package dev.btpboot.security.certificate;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Names the entry of {@code btp.security.client-certificates} that stopped the start, and the fix. */
class ClientCertificateFailureAnalyzer extends AbstractFailureAnalyzer<ClientCertificateMappingException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, ClientCertificateMappingException cause) {
		return new FailureAnalysis(cause.getMessage(), cause.getAction(), cause);
	}

}
