package dev.btpboot.security.jwt;

import java.io.ByteArrayInputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the client certificate a router forwards in a header, as PEM, base64 DER, or Envoy's
 * {@code x-forwarded-client-cert} ({@code Cert="<url-encoded PEM>"}), and computes its
 * {@code x5t#S256} thumbprint (RFC 8705).
 */
final class ClientCertificates {

	private static final Pattern XFCC_CERT = Pattern.compile("(?i)(?:^|[;,])cert=");

	private ClientCertificates() {
	}

	/** @return the base64url SHA-256 thumbprint, or {@code null} when there is no readable certificate */
	static String thumbprint(String header) {
		if (header == null || header.isBlank()) {
			return null;
		}
		try {
			String value = envoyCert(header.trim());
			String base64 = value.replace("-----BEGIN CERTIFICATE-----", "")
				.replace("-----END CERTIFICATE-----", "")
				.replaceAll("\\s", "");
			byte[] der = Base64.getDecoder().decode(base64);
			X509Certificate certificate = (X509Certificate) CertificateFactory.getInstance("X.509")
				.generateCertificate(new ByteArrayInputStream(der));
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
			return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
		}
		catch (Exception ex) {
			return null;
		}
	}

	/** The {@code Cert} element of the first XFCC entry, URL-decoded; the header itself otherwise. */
	private static String envoyCert(String header) {
		Matcher cert = XFCC_CERT.matcher(header);
		if (!cert.find()) {
			return header;
		}
		String rest = header.substring(cert.end());
		String value = rest.startsWith("\"") ? rest.substring(1, rest.indexOf('"', 1))
				: rest.split("[;,]", 2)[0];
		return URLDecoder.decode(value, StandardCharsets.UTF_8);
	}

}
