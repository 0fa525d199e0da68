package dev.btpboot.security.certificate.servlet;

import java.security.cert.X509Certificate;

import jakarta.servlet.http.HttpServletRequest;

import dev.btpboot.security.certificate.ForwardedCertificate;

import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.AuthenticationConverter;
import org.springframework.security.web.authentication.preauth.PreAuthenticatedAuthenticationToken;

/**
 * Reads the forwarded client certificate of a request into an unauthenticated
 * {@link PreAuthenticatedAuthenticationToken} (the subject as principal, the certificate as
 * credentials). A header that counts for nothing (an untrusted peer's, or one whose trusted
 * elements carry no certificate) is no attempt at all; one whose certificate cannot be read is
 * refused.
 */
final class ClientCertificateAuthenticationConverter implements AuthenticationConverter {

	private final RequestClientCertificates certificates;

	ClientCertificateAuthenticationConverter(RequestClientCertificates certificates) {
		this.certificates = certificates;
	}

	@Override
	public Authentication convert(HttpServletRequest request) {
		ForwardedCertificate forwarded = this.certificates.read(request);
		if (!forwarded.carried()) {
			return null;
		}
		X509Certificate certificate = forwarded.certificate();
		if (certificate == null) {
			throw new BadCredentialsException("The client certificate header holds no readable certificate");
		}
		return new PreAuthenticatedAuthenticationToken(certificate.getSubjectX500Principal().getName(), certificate);
	}

}
