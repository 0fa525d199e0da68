package dev.btpboot.testing;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import javax.security.auth.x500.X500Principal;

/**
 * Makes X.509 certificates and keys for tests with the JDK alone (no BouncyCastle): a small DER
 * writer builds the TBSCertificate, the JDK signs it.
 */
public final class TestCertificates {

	private TestCertificates() {
	}

	/** A key pair and a certificate for it, issued by itself or by a CA. */
	public record Issued(KeyPair keyPair, X509Certificate certificate) {

		/** @return the certificate as PEM */
		public String certificatePem() {
			return pem("CERTIFICATE", der(this.certificate));
		}

		/** @return the private key as PKCS#8 PEM ({@code BEGIN PRIVATE KEY}) */
		public String privateKeyPem() {
			return pem("PRIVATE KEY", this.keyPair.getPrivate().getEncoded());
		}

		/** @return an RSA private key as PKCS#1 PEM ({@code BEGIN RSA PRIVATE KEY}) */
		public String rsaPkcs1PrivateKeyPem() {
			java.security.interfaces.RSAPrivateCrtKey key = (java.security.interfaces.RSAPrivateCrtKey) this.keyPair
				.getPrivate();
			// RSAPrivateKey ::= SEQUENCE { version, n, e, d, p, q, dp, dq, qinv }
			return pem("RSA PRIVATE KEY", sequence(integer(BigInteger.ZERO), integer(key.getModulus()),
					integer(key.getPublicExponent()), integer(key.getPrivateExponent()), integer(key.getPrimeP()),
					integer(key.getPrimeQ()), integer(key.getPrimeExponentP()), integer(key.getPrimeExponentQ()),
					integer(key.getCrtCoefficient())));
		}

		/** @return a P-256 private key as SEC1 PEM ({@code BEGIN EC PRIVATE KEY}) naming its curve */
		public String ecSec1PrivateKeyPem() {
			byte[] s = ((java.security.interfaces.ECPrivateKey) this.keyPair.getPrivate()).getS().toByteArray();
			byte[] value = new byte[32];
			int length = Math.min(s.length, 32);
			System.arraycopy(s, s.length - length, value, 32 - length, length);
			// ECPrivateKey ::= SEQUENCE { version 1, privateKey OCTET STRING, [0] namedCurve }
			return pem("EC PRIVATE KEY", sequence(integer(BigInteger.ONE), tlv(0x04, value),
					tlv(0xa0, oid(1, 2, 840, 10045, 3, 1, 7))));
		}

		/** @return a PKCS#12 key store with the key and certificate under alias {@code key}, password {@code changeit} */
		public KeyStore keyStore() {
			try {
				KeyStore store = KeyStore.getInstance("PKCS12");
				store.load(null, null);
				store.setKeyEntry("key", this.keyPair.getPrivate(), "changeit".toCharArray(),
						new X509Certificate[] { this.certificate });
				return store;
			}
			catch (Exception ex) {
				throw new IllegalStateException(ex);
			}
		}

		/** @return a key store trusting this certificate under alias {@code trusted}, password {@code changeit} */
		public KeyStore trustStore() {
			try {
				KeyStore store = KeyStore.getInstance("PKCS12");
				store.load(null, null);
				store.setCertificateEntry("trusted", this.certificate);
				return store;
			}
			catch (Exception ex) {
				throw new IllegalStateException(ex);
			}
		}

	}

	/** @return a self-signed RSA 2048 certificate for {@code CN=<commonName>}, valid for a day */
	public static Issued selfSignedRsa(String commonName) {
		return issue(commonName, rsaKeyPair(), null);
	}

	/** @return a self-signed EC P-256 certificate for {@code CN=<commonName>} */
	public static Issued selfSignedEc(String commonName) {
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
			generator.initialize(new ECGenParameterSpec("secp256r1"));
			return issue(commonName, generator.generateKeyPair(), null);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * @param commonName the CA's CN
	 * @return a self-signed RSA 2048 CA certificate (basic constraints CA, critical), valid for a day,
	 * that the JDK accepts as a trust anchor of the certificates it issues
	 */
	public static Issued certificateAuthority(String commonName) {
		byte[] subject = name(commonName);
		Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
		byte[] basicConstraints = sequence(oid(2, 5, 29, 19), new byte[] { 0x01, 0x01, (byte) 0xff },
				tlv(0x04, sequence(new byte[] { 0x01, 0x01, (byte) 0xff })));
		return sign(subject, subject, rsaKeyPair(), null, now.minus(1, ChronoUnit.HOURS), now.plus(1, ChronoUnit.DAYS),
				tlv(0xa3, sequence(basicConstraints)));
	}

	/**
	 * @param commonName the subject CN; also the DNS subject alternative name
	 * @param keyPair the subject's keys
	 * @param issuer the CA, or {@code null} for self-signed
	 * @return the issued certificate
	 */
	public static Issued issue(String commonName, KeyPair keyPair, Issued issuer) {
		byte[] subject = name(commonName);
		byte[] issuerName = (issuer != null)
				? name(issuer.certificate().getSubjectX500Principal().getName().replaceFirst("^CN=", "")) : subject;
		Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
		byte[] san = sequence(oid(2, 5, 29, 17), tlv(0x04, sequence(tlv(0x82,
				commonName.getBytes(StandardCharsets.US_ASCII)))));
		return sign(subject, issuerName, keyPair, issuer, now.minus(1, ChronoUnit.HOURS), now.plus(1, ChronoUnit.DAYS),
				tlv(0xa3, sequence(san)));
	}

	/**
	 * @param subject the subject distinguished name (any attributes, e.g. {@code CN=a,O=b,C=DE})
	 * @param keyPair the subject's keys
	 * @param issuer the CA, or {@code null} for self-signed
	 * @param notBefore the start of validity
	 * @param notAfter the end of validity
	 * @return the issued certificate, without extensions
	 */
	public static Issued issue(X500Principal subject, KeyPair keyPair, Issued issuer, Instant notBefore,
			Instant notAfter) {
		byte[] issuerName = (issuer != null) ? issuer.certificate().getSubjectX500Principal().getEncoded()
				: subject.getEncoded();
		return sign(subject.getEncoded(), issuerName, keyPair, issuer, notBefore.truncatedTo(ChronoUnit.SECONDS),
				notAfter.truncatedTo(ChronoUnit.SECONDS), new byte[0]);
	}

	private static Issued sign(byte[] subject, byte[] issuerName, KeyPair keyPair, Issued issuer, Instant notBefore,
			Instant notAfter, byte[] extensions) {
		try {
			PrivateKey signingKey = (issuer != null) ? issuer.keyPair().getPrivate() : keyPair.getPrivate();
			boolean ec = signingKey.getAlgorithm().equals("EC");
			byte[] algorithm = ec ? sequence(oid(1, 2, 840, 10045, 4, 3, 2))
					: sequence(oid(1, 2, 840, 113549, 1, 1, 11), new byte[] { 0x05, 0x00 });
			byte[] tbs = sequence(tlv(0xa0, integer(BigInteger.TWO)), integer(new BigInteger(64, new SecureRandom())),
					algorithm, issuerName, sequence(time(notBefore), time(notAfter)), subject,
					keyPair.getPublic().getEncoded(), extensions);
			Signature signature = Signature.getInstance(ec ? "SHA256withECDSA" : "SHA256withRSA");
			signature.initSign(signingKey);
			signature.update(tbs);
			byte[] signed = signature.sign();
			byte[] bitString = new byte[signed.length + 1];
			System.arraycopy(signed, 0, bitString, 1, signed.length);
			byte[] certificate = sequence(tbs, algorithm, tlv(0x03, bitString));
			X509Certificate parsed = (X509Certificate) CertificateFactory.getInstance("X.509")
				.generateCertificate(new ByteArrayInputStream(certificate));
			return new Issued(keyPair, parsed);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** @return a fresh RSA 2048 key pair */
	public static KeyPair rsaKeyPair() {
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
			generator.initialize(2048);
			return generator.generateKeyPair();
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** @return PEM text of one block */
	public static String pem(String type, byte[] der) {
		return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
			.encodeToString(der) + "\n-----END " + type + "-----\n";
	}

	private static byte[] der(X509Certificate certificate) {
		try {
			return certificate.getEncoded();
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static byte[] name(String commonName) {
		byte[] cn = sequence(oid(2, 5, 4, 3), tlv(0x0c, commonName.getBytes(StandardCharsets.UTF_8)));
		return sequence(tlv(0x31, cn));
	}

	private static byte[] time(Instant instant) {
		String text = DateTimeFormatter.ofPattern("yyMMddHHmmss'Z'").withZone(ZoneOffset.UTC).format(instant);
		return tlv(0x17, text.getBytes(StandardCharsets.US_ASCII));
	}

	private static byte[] integer(BigInteger value) {
		return tlv(0x02, value.toByteArray());
	}

	private static byte[] oid(int... arcs) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		out.write(arcs[0] * 40 + arcs[1]);
		for (int i = 2; i < arcs.length; i++) {
			int arc = arcs[i];
			byte[] groups = new byte[5];
			int n = 0;
			do {
				groups[n++] = (byte) (arc & 0x7f);
				arc >>>= 7;
			}
			while (arc != 0);
			for (int j = n - 1; j >= 0; j--) {
				out.write(groups[j] | ((j > 0) ? 0x80 : 0));
			}
		}
		return tlv(0x06, out.toByteArray());
	}

	private static byte[] sequence(byte[]... parts) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		for (byte[] part : parts) {
			out.writeBytes(part);
		}
		return tlv(0x30, out.toByteArray());
	}

	private static byte[] tlv(int tag, byte[] content) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		out.write(tag);
		if (content.length < 0x80) {
			out.write(content.length);
		}
		else if (content.length < 0x100) {
			out.write(0x81);
			out.write(content.length);
		}
		else {
			out.write(0x82);
			out.write(content.length >> 8);
			out.write(content.length & 0xff);
		}
		out.writeBytes(content);
		return out.toByteArray();
	}

	/**
	 * @param pem a PEM text
	 * @return a line from the middle of its body: enough to spot key material in a log
	 */
	public static String base64Body(String pem) {
		List<String> lines = pem.lines().toList();
		return lines.get(lines.size() / 2);
	}

}
