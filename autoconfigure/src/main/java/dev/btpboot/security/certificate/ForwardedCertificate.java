package dev.btpboot.security.certificate;

import java.security.cert.X509Certificate;

/**
 * What the trusted part of a forwarded client certificate header holds.
 *
 * @param carried whether it carries a certificate at all: {@code false} for a missing header, a
 * header of an untrusted peer, or trusted elements without {@code Cert}, all of which count as no
 * header
 * @param certificate the certificate, or {@code null} when none is carried or the one carried cannot
 * be read
 */
public record ForwardedCertificate(boolean carried, X509Certificate certificate) {

	/** Nothing that counts. */
	public static final ForwardedCertificate NONE = new ForwardedCertificate(false, null);

	/** A certificate that cannot be read. */
	static final ForwardedCertificate UNREADABLE = new ForwardedCertificate(true, null);

	static ForwardedCertificate of(X509Certificate certificate) {
		return new ForwardedCertificate(true, certificate);
	}

	/** @return whether a certificate is carried but cannot be read */
	public boolean unreadable() {
		return this.carried && this.certificate == null;
	}

}
