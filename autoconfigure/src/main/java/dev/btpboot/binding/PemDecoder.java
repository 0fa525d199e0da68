package dev.btpboot.binding;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads certificates and private keys from PEM with the JDK alone. Messages name the problem,
 * never the PEM content.
 */
final class PemDecoder {

	private static final Pattern BLOCK = Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----(.*?)-----END \\1-----",
			Pattern.DOTALL);

	private static final Pattern BASE64 = Pattern.compile("[A-Za-z0-9+/]*={0,2}");

	/** DER of AlgorithmIdentifier rsaEncryption with NULL parameters. */
	private static final byte[] RSA_ALGORITHM = { 0x30, 0x0d, 0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86,
			(byte) 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05, 0x00 };

	/** DER of the OID id-ecPublicKey. */
	private static final byte[] EC_PUBLIC_KEY_OID = { 0x06, 0x07, 0x2a, (byte) 0x86, 0x48, (byte) 0xce, 0x3d, 0x02,
			0x01 };

	private PemDecoder() {
	}

	static List<X509Certificate> certificates(String pem) {
		List<X509Certificate> chain = new ArrayList<>();
		try {
			CertificateFactory factory = CertificateFactory.getInstance("X.509");
			for (Block block : blocks(pem)) {
				if (block.type().equals("CERTIFICATE")) {
					chain.add((X509Certificate) factory.generateCertificate(new ByteArrayInputStream(block.der())));
				}
			}
		}
		catch (CertificateException ex) {
			throw new IllegalArgumentException("a CERTIFICATE block is not a valid X.509 certificate", ex);
		}
		if (chain.isEmpty()) {
			throw new IllegalArgumentException("no PEM 'BEGIN CERTIFICATE' block found");
		}
		return chain;
	}

	static PrivateKey privateKey(String pem) {
		for (Block block : blocks(pem)) {
			switch (block.type()) {
				case "PRIVATE KEY":
					return pkcs8(block.der(), "RSA", "EC");
				case "RSA PRIVATE KEY":
					return pkcs8(wrap(0, RSA_ALGORITHM, block.der()), "RSA");
				case "EC PRIVATE KEY":
					byte[] algorithm = sequence(concat(EC_PUBLIC_KEY_OID, sec1CurveOid(block.der())));
					return pkcs8(wrap(0, algorithm, block.der()), "EC");
				case "ENCRYPTED PRIVATE KEY":
					throw new IllegalArgumentException(
							"the private key is encrypted; provide it unencrypted (PKCS#8 or PKCS#1)");
				default:
					// certificates or parameters next to the key are ignored
			}
		}
		throw new IllegalArgumentException(
				"no PEM 'BEGIN PRIVATE KEY', 'BEGIN RSA PRIVATE KEY' or 'BEGIN EC PRIVATE KEY' block found");
	}

	/** Proves possession: what the key signs, the certificate's public key must verify. */
	static void checkKeyMatches(PrivateKey key, X509Certificate certificate) {
		String algorithm = key.getAlgorithm().equals("EC") ? "SHA256withECDSA" : "SHA256withRSA";
		byte[] probe = "btp-spring-boot key check".getBytes(StandardCharsets.US_ASCII);
		try {
			Signature signer = Signature.getInstance(algorithm);
			signer.initSign(key);
			signer.update(probe);
			byte[] signature = signer.sign();
			Signature verifier = Signature.getInstance(algorithm);
			verifier.initVerify(certificate.getPublicKey());
			verifier.update(probe);
			if (verifier.verify(signature)) {
				return;
			}
		}
		catch (GeneralSecurityException ex) {
			// a key of another algorithm than the certificate's ends up here too
		}
		throw new IllegalArgumentException("the private key does not match the certificate (subject "
				+ certificate.getSubjectX500Principal().getName() + ")");
	}

	private record Block(String type, byte[] der) {
	}

	private static List<Block> blocks(String pem) {
		// Bindings sometimes carry PEM with literal "\n" sequences instead of line breaks.
		String text = pem.replace("\\n", "\n");
		Matcher matcher = BLOCK.matcher(text);
		List<Block> blocks = new ArrayList<>();
		while (matcher.find()) {
			String type = matcher.group(1);
			String body = matcher.group(2).replaceAll("\\s", "");
			if (!BASE64.matcher(body).matches()) {
				throw notBase64(type, body);
			}
			try {
				blocks.add(new Block(type, Base64.getDecoder().decode(body)));
			}
			catch (IllegalArgumentException ex) {
				throw notBase64(type, body);
			}
		}
		return blocks;
	}

	private static IllegalArgumentException notBase64(String type, String body) {
		// Legacy encrypted keys carry "Proc-Type: 4,ENCRYPTED" headers inside the block.
		return new IllegalArgumentException("the PEM block '" + type + "' is not valid Base64"
				+ (body.contains("Proc-Type:") ? " (its headers mark an encrypted key; provide it unencrypted)" : ""));
	}

	private static PrivateKey pkcs8(byte[] der, String... algorithms) {
		for (String algorithm : algorithms) {
			try {
				return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
			}
			catch (GeneralSecurityException ex) {
				// try the next algorithm
			}
		}
		throw new IllegalArgumentException("the private key is not a valid " + String.join(" or ", algorithms)
				+ " key");
	}

	/** PrivateKeyInfo ::= SEQUENCE { version INTEGER, algorithm AlgorithmIdentifier, key OCTET STRING } */
	private static byte[] wrap(int version, byte[] algorithm, byte[] key) {
		return sequence(concat(new byte[] { 0x02, 0x01, (byte) version }, algorithm, tlv(0x04, key)));
	}

	/**
	 * The named curve of a SEC1 ECPrivateKey ::= SEQUENCE { version, privateKey OCTET STRING,
	 * [0] parameters OPTIONAL, [1] publicKey OPTIONAL }.
	 */
	private static byte[] sec1CurveOid(byte[] der) {
		int[] outer = header(der, 0);
		int position = outer[0];
		while (position < der.length) {
			int[] element = header(der, position);
			if ((der[position] & 0xff) == 0xa0) {
				return Arrays.copyOfRange(der, element[0], element[0] + element[1]);
			}
			position = element[0] + element[1];
		}
		throw new IllegalArgumentException("the EC private key names no curve; provide it as PKCS#8");
	}

	/** @return the offset of the content and its length, for the element at {@code offset} */
	private static int[] header(byte[] der, int offset) {
		if (offset + 1 >= der.length) {
			throw new IllegalArgumentException("the private key is not valid DER");
		}
		int length = der[offset + 1] & 0xff;
		int content = offset + 2;
		if (length >= 0x80) {
			// Long form: at most 3 length bytes (a key is far below 16 MB); 0x80 (indefinite) is not DER.
			int bytes = length & 0x7f;
			if (bytes == 0 || bytes > 3 || content + bytes > der.length) {
				throw new IllegalArgumentException("the private key is not valid DER");
			}
			length = 0;
			for (int i = 0; i < bytes; i++) {
				length = (length << 8) | (der[content + i] & 0xff);
			}
			content += bytes;
		}
		if (content + length > der.length) {
			throw new IllegalArgumentException("the private key is not valid DER");
		}
		return new int[] { content, length };
	}

	private static byte[] sequence(byte[] content) {
		return tlv(0x30, content);
	}

	private static byte[] tlv(int tag, byte[] content) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		out.write(tag);
		int length = content.length;
		if (length < 0x80) {
			out.write(length);
		}
		else {
			byte[] bytes = java.math.BigInteger.valueOf(length).toByteArray();
			int skip = (bytes[0] == 0) ? 1 : 0;
			out.write(0x80 | (bytes.length - skip));
			out.write(bytes, skip, bytes.length - skip);
		}
		out.writeBytes(content);
		return out.toByteArray();
	}

	private static byte[] concat(byte[]... parts) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		for (byte[] part : parts) {
			out.writeBytes(part);
		}
		return out.toByteArray();
	}

}
