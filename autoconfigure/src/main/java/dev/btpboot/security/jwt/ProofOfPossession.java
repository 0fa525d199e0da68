package dev.btpboot.security.jwt;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;
import java.util.function.Supplier;

import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;

/**
 * A token bound to a client certificate ({@code cnf.x5t#S256}, RFC 8705) counts only when the
 * request presents that certificate, as the TLS terminator forwards it in a header.
 */
final class ProofOfPossession {

	private ProofOfPossession() {
	}

	/**
	 * @param jwt a verified token
	 * @param clientCertificate the forwarded certificate header's value (read only for a bound
	 * token), or {@code null}
	 * @throws InvalidBearerTokenException when the token is bound to a certificate the request does
	 * not present
	 */
	static void check(Jwt jwt, Supplier<String> clientCertificate) {
		if (!(jwt.getClaims().get("cnf") instanceof Map<?, ?> cnf && cnf.get("x5t#S256") instanceof String expected)) {
			return;
		}
		String presented = ClientCertificates.thumbprint(clientCertificate.get());
		if (presented == null || !MessageDigest.isEqual(presented.getBytes(StandardCharsets.US_ASCII),
				expected.getBytes(StandardCharsets.US_ASCII))) {
			throw new InvalidBearerTokenException(
					"The token is bound to a client certificate that the request does not present");
		}
	}

}
