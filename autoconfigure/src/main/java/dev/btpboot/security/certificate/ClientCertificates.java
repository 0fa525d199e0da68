package dev.btpboot.security.certificate;

import java.io.ByteArrayInputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Reads the client certificate that the platform's TLS terminator forwards in a request header:
 * PEM, base64 DER, or Envoy's {@code x-forwarded-client-cert} (XFCC). The one reading of that
 * header, for the proof of possession of certificate-bound tokens and for certificate
 * authentication alike.
 * <p>
 * An XFCC value is a comma-separated list of elements, one per proxy, each a semicolon-separated
 * list of {@code key=value} pairs whose values may be double-quoted (with {@code \"} inside).
 * Only the last element counts: it is the one the terminator in front of the application
 * appended, while earlier ones were forwarded from further out (with {@code APPEND_FORWARD}) and
 * say nothing the application can trust.
 */
public final class ClientCertificates {

	private static final Pattern XFCC = Pattern.compile("(?i)(?:^|[;,])\\s*cert\\s*=");

	private ClientCertificates() {
	}

	/**
	 * @param header the header value, or {@code null}
	 * @return the certificate it carries, or {@code null} when there is none or it cannot be read
	 */
	public static X509Certificate read(String header) {
		if (header == null || header.isBlank()) {
			return null;
		}
		String value = XFCC.matcher(header).find() ? lastElementCert(header) : header;
		if (value == null) {
			return null;
		}
		try {
			String base64 = value.replace("-----BEGIN CERTIFICATE-----", "")
				.replace("-----END CERTIFICATE-----", "")
				.replaceAll("\\s", "");
			byte[] der = Base64.getDecoder().decode(base64);
			return (X509Certificate) CertificateFactory.getInstance("X.509")
				.generateCertificate(new ByteArrayInputStream(der));
		}
		catch (IllegalArgumentException | GeneralSecurityException | ClassCastException ex) {
			return null;
		}
	}

	/**
	 * @param header the header value, or {@code null}
	 * @return the certificate's base64url SHA-256 thumbprint ({@code x5t#S256}, RFC 8705), or
	 *         {@code null} when there is no readable certificate
	 */
	public static String thumbprint(String header) {
		X509Certificate certificate = read(header);
		return (certificate != null) ? Base64.getUrlEncoder().withoutPadding().encodeToString(sha256(certificate))
				: null;
	}

	/** @return the SHA-256 digest of the certificate's DER encoding */
	static byte[] sha256(X509Certificate certificate) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("SHA-256 is not available", ex);
		}
	}

	/** The URL-decoded {@code Cert} value of the last XFCC element; {@code null} when it has none. */
	private static String lastElementCert(String header) {
		List<List<String[]>> elements = xfccElements(header);
		if (elements == null) {
			return null;
		}
		for (String[] pair : elements.get(elements.size() - 1)) {
			if (pair[0].equalsIgnoreCase("cert")) {
				try {
					return URLDecoder.decode(pair[1], StandardCharsets.UTF_8);
				}
				catch (IllegalArgumentException ex) {
					return null;
				}
			}
		}
		return null;
	}

	/**
	 * The elements of an XFCC value, each a list of {@code {key, unquoted value}} pairs; {@code null}
	 * when a quote is left open.
	 */
	private static List<List<String[]>> xfccElements(String header) {
		List<List<String[]>> elements = new ArrayList<>();
		List<String[]> pairs = new ArrayList<>();
		StringBuilder key = new StringBuilder();
		StringBuilder value = new StringBuilder();
		StringBuilder current = key;
		boolean quoted = false;
		for (int i = 0; i < header.length(); i++) {
			char c = header.charAt(i);
			if (quoted) {
				if (c == '\\' && i + 1 < header.length()) {
					current.append(header.charAt(++i));
				}
				else if (c == '"') {
					quoted = false;
				}
				else {
					current.append(c);
				}
			}
			else if (c == '"') {
				quoted = true;
			}
			else if (c == '=' && current == key) {
				current = value;
			}
			else if (c == ';' || c == ',') {
				pairs.add(new String[] { key.toString().trim(), value.toString().trim() });
				key.setLength(0);
				value.setLength(0);
				current = key;
				if (c == ',') {
					elements.add(pairs);
					pairs = new ArrayList<>();
				}
			}
			else {
				current.append(c);
			}
		}
		if (quoted) {
			return null;
		}
		pairs.add(new String[] { key.toString().trim(), value.toString().trim() });
		elements.add(pairs);
		return elements;
	}

}
