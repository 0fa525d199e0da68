package dev.btpboot.security.jwt;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.util.Map;
import java.util.function.Supplier;

import dev.btpboot.security.certificate.ClientCertificates;

import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;

/**
 * A token bound to a client certificate ({@code cnf.x5t#S256}, RFC 8705) counts only when the
 * request presents that certificate, as a trusted TLS terminator forwards it in a header
 * ({@code ForwardedClientCertificates}): a stolen bound token is of no use to a caller who can only
 * forge the header.
 */
final class ProofOfPossession {

	private ProofOfPossession() {
	}

	/**
	 * @param jwt a verified token
	 * @param clientCertificate the certificate the request presents by the rule of the forwarded
	 * header (asked only for a bound token), or {@code null}
	 * @throws InvalidBearerTokenException when the token is bound to a certificate the request does
	 * not present
	 */
	static void check(Jwt jwt, Supplier<X509Certificate> clientCertificate) {
		if (!(jwt.getClaims().get("cnf") instanceof Map<?, ?> cnf && cnf.get("x5t#S256") instanceof String expected)) {
			return;
		}
		X509Certificate certificate = clientCertificate.get();
		String presented = (certificate != null) ? ClientCertificates.thumbprint(certificate) : null;
		if (presented == null || !MessageDigest.isEqual(presented.getBytes(StandardCharsets.US_ASCII),
				expected.getBytes(StandardCharsets.US_ASCII))) {
			throw new InvalidBearerTokenException(
					"The token is bound to a client certificate that the request does not present");
		}
	}

}
