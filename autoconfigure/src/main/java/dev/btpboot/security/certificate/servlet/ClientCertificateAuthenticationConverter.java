package dev.btpboot.security.certificate.servlet;

import java.security.cert.X509Certificate;

import jakarta.servlet.http.HttpServletRequest;

import dev.btpboot.security.certificate.ClientCertificates;

import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.AuthenticationConverter;
import org.springframework.security.web.authentication.preauth.PreAuthenticatedAuthenticationToken;

/**
 * Reads the forwarded client certificate of a request into an unauthenticated
 * {@link PreAuthenticatedAuthenticationToken} (the subject as principal, the certificate as
 * credentials); a header that holds no readable certificate is refused.
 */
final class ClientCertificateAuthenticationConverter implements AuthenticationConverter {

	private final String header;

	ClientCertificateAuthenticationConverter(String header) {
		this.header = header;
	}

	@Override
	public Authentication convert(HttpServletRequest request) {
		String value = request.getHeader(this.header);
		if (value == null) {
			return null;
		}
		X509Certificate certificate = ClientCertificates.read(value);
		if (certificate == null) {
			throw new BadCredentialsException("The client certificate header holds no readable certificate");
		}
		return new PreAuthenticatedAuthenticationToken(certificate.getSubjectX500Principal().getName(), certificate);
	}

}
