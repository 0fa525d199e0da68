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
 * authentication alike; which peer may set it is {@link ForwardedClientCertificates}' rule.
 * <p>
 * An XFCC value is a comma-separated list of elements, one per proxy, each a semicolon-separated
 * list of {@code key=value} pairs whose values may be double-quoted (with {@code \"} and
 * {@code \\} inside). Only the last {@code hops} elements count: the trusted hops in front of the
 * application appended them, while earlier ones were forwarded from further out (with
 * {@code APPEND_FORWARD}) and say nothing the application can trust. Of those, the last element
 * that carries a {@code Cert} holds the certificate; an element without one (Istio's sidecar
 * appends {@code By=...;Hash=...;URI=...}) neither holds nor hides one.
 */
public final class ClientCertificates {

	private static final Pattern XFCC = Pattern
		.compile("(?i)(?:^|[;,])\\s*(?:by|hash|cert|chain|subject|uri|dns)\\s*=");

	private ClientCertificates() {
	}

	/**
	 * @param header the header value as one hop in front of the application sets it, or
	 * {@code null}
	 * @return the certificate it carries, or {@code null} when there is none or it cannot be read
	 */
	public static X509Certificate read(String header) {
		return read(header, 1);
	}

	/**
	 * @param header the header value (several header lines joined with commas), or {@code null}
	 * @param hops how many elements at the end of an XFCC value trusted hops appended
	 * @return the certificate it carries, or {@code null} when there is none or it cannot be read
	 */
	public static X509Certificate read(String header, int hops) {
		return forwarded(header, hops).certificate();
	}

	/**
	 * @param header the header value as one hop in front of the application sets it, or
	 * {@code null}
	 * @return the certificate's base64url SHA-256 thumbprint ({@code x5t#S256}, RFC 8705), or
	 *         {@code null} when there is no readable certificate
	 */
	public static String thumbprint(String header) {
		X509Certificate certificate = read(header);
		return (certificate != null) ? thumbprint(certificate) : null;
	}

	/**
	 * @param certificate a certificate
	 * @return its base64url SHA-256 thumbprint ({@code x5t#S256}, RFC 8705)
	 */
	public static String thumbprint(X509Certificate certificate) {
		return Base64.getUrlEncoder().withoutPadding().encodeToString(sha256(certificate));
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

	/**
	 * @param header the header value (several header lines joined with commas), or {@code null}
	 * @param hops how many elements at the end of an XFCC value trusted hops appended, at least 1
	 * @return what the trusted part of the header holds: nothing, a certificate, or one that
	 * cannot be read (as does a value whose quotes do not close)
	 */
	static ForwardedCertificate forwarded(String header, int hops) {
		if (header == null || header.isBlank()) {
			return ForwardedCertificate.NONE;
		}
		if (!XFCC.matcher(header).find()) {
			return ForwardedCertificate.of(parse(header));
		}
		List<List<String[]>> elements = xfccElements(header);
		if (elements == null) {
			return ForwardedCertificate.UNREADABLE;
		}
		for (int i = elements.size() - 1; i >= Math.max(0, elements.size() - hops); i--) {
			for (String[] pair : elements.get(i)) {
				if (pair[0].equalsIgnoreCase("cert")) {
					return ForwardedCertificate.of(parse(urlDecoded(pair[1])));
				}
			}
		}
		return ForwardedCertificate.NONE;
	}

	private static String urlDecoded(String value) {
		try {
			return URLDecoder.decode(value, StandardCharsets.UTF_8);
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

	/** @return the certificate of a PEM or base64 DER text, or {@code null} when it is none */
	private static X509Certificate parse(String value) {
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
