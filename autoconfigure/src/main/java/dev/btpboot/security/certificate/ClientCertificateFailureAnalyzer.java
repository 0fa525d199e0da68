package dev.btpboot.security.certificate;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Names the entry of {@code btp.security.client-certificates} or the setting of
 * {@code btp.security.forwarded-client-certificate} that stopped the start, and the fix.
 */
class ClientCertificateFailureAnalyzer extends AbstractFailureAnalyzer<ClientCertificateConfigurationException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, ClientCertificateConfigurationException cause) {
		return new FailureAnalysis(cause.getMessage(), cause.getAction(), cause);
	}

}
