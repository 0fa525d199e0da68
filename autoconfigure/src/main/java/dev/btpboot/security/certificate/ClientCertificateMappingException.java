package dev.btpboot.security.certificate;

/** An entry of {@code btp.security.client-certificates} that cannot work, with what to do about it. */
class ClientCertificateMappingException extends RuntimeException {

	private final String action;

	ClientCertificateMappingException(String problem, String action) {
		super(problem);
		this.action = action;
	}

	String getAction() {
		return this.action;
	}

}
