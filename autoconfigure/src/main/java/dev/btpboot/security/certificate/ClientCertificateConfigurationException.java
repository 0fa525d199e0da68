package dev.btpboot.security.certificate;

/**
 * An entry of {@code btp.security.client-certificates} or a setting of
 * {@code btp.security.forwarded-client-certificate} that cannot work, with what to do about it.
 */
class ClientCertificateConfigurationException extends RuntimeException {

	private final String action;

	ClientCertificateConfigurationException(String problem, String action) {
		super(problem);
		this.action = action;
	}

	String getAction() {
		return this.action;
	}

}
