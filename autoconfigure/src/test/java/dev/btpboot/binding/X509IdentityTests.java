package dev.btpboot.binding;

import java.security.interfaces.RSAPrivateCrtKey;

import dev.btpboot.testing.TestCertificates;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class X509IdentityTests {

	@Test
	void readsRsaPkcs8KeyAndCertificateIntoKeyStoreAndSslContext() throws Exception {
		TestCertificates.Issued issued = TestCertificates.selfSignedRsa("client.example");
		X509Identity identity = X509Identity.fromPem(issued.certificatePem(), issued.privateKeyPem());
		assertThat(identity.certificateChain()).containsExactly(issued.certificate());
		assertThat(identity.keyStore().getCertificate("client")).isEqualTo(issued.certificate());
		assertThat(identity.keyStore().getKey("client", identity.keyStorePassword()))
			.isEqualTo(issued.keyPair().getPrivate());
		assertThat(identity.sslContext().getProtocol()).isEqualTo("TLS");
		assertThat(identity.toString()).contains("CN=client.example").doesNotContain("PRIVATE");
	}

	@Test
	void readsRsaPkcs1Key() {
		TestCertificates.Issued issued = TestCertificates.selfSignedRsa("pkcs1.example");
		String pkcs1 = TestCertificates.pem("RSA PRIVATE KEY", pkcs1Der((RSAPrivateCrtKey) issued.keyPair().getPrivate()));
		X509Identity identity = X509Identity.fromPem(issued.certificatePem(), pkcs1);
		assertThat(identity.privateKey().getEncoded()).isEqualTo(issued.keyPair().getPrivate().getEncoded());
	}

	@Test
	void readsEcPkcs8Key() {
		TestCertificates.Issued issued = TestCertificates.selfSignedEc("ec.example");
		X509Identity identity = X509Identity.fromPem(issued.certificatePem(), issued.privateKeyPem());
		assertThat(identity.privateKey().getAlgorithm()).isEqualTo("EC");
	}

	@Test
	void readsChainWithLeafFirstAndLiteralNewlines() {
		TestCertificates.Issued ca = TestCertificates.selfSignedRsa("ca.example");
		TestCertificates.Issued leaf = TestCertificates.issue("leaf.example", TestCertificates.rsaKeyPair(), ca);
		String chain = (leaf.certificatePem() + ca.certificatePem()).replace("\n", "\\n");
		X509Identity identity = X509Identity.fromPem(chain, leaf.privateKeyPem());
		assertThat(identity.certificateChain()).containsExactly(leaf.certificate(), ca.certificate());
	}

	@Test
	void rejectsKeyOfAnotherCertificate() {
		TestCertificates.Issued one = TestCertificates.selfSignedRsa("one.example");
		TestCertificates.Issued other = TestCertificates.selfSignedRsa("other.example");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> X509Identity.fromPem(one.certificatePem(), other.privateKeyPem()))
			.withMessageContaining("does not match the certificate")
			.withMessageNotContaining(other.privateKeyPem().substring(40, 80));
	}

	@Test
	void rejectsGarbageWithoutEchoingIt() {
		assertThatIllegalArgumentException().isThrownBy(() -> X509Identity.fromPem("not a pem", "secret-key-text"))
			.withMessageContaining("BEGIN CERTIFICATE")
			.withMessageNotContaining("secret-key-text");
		TestCertificates.Issued issued = TestCertificates.selfSignedRsa("x.example");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> X509Identity.fromPem(issued.certificatePem(),
					"-----BEGIN PRIVATE KEY-----\nc2VjcmV0LWtleS10ZXh0\n-----END PRIVATE KEY-----"))
			.withMessageContaining("not a valid RSA or EC key");
	}

	/** RSAPrivateKey ::= SEQUENCE { version, n, e, d, p, q, dp, dq, qinv } */
	static byte[] pkcs1Der(RSAPrivateCrtKey key) {
		java.io.ByteArrayOutputStream content = new java.io.ByteArrayOutputStream();
		for (java.math.BigInteger value : new java.math.BigInteger[] { java.math.BigInteger.ZERO, key.getModulus(),
				key.getPublicExponent(), key.getPrivateExponent(), key.getPrimeP(), key.getPrimeQ(),
				key.getPrimeExponentP(), key.getPrimeExponentQ(), key.getCrtCoefficient() }) {
			content.writeBytes(derTlv(0x02, value.toByteArray()));
		}
		return derTlv(0x30, content.toByteArray());
	}

	private static byte[] derTlv(int tag, byte[] value) {
		java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
		out.write(tag);
		if (value.length < 0x80) {
			out.write(value.length);
		}
		else if (value.length < 0x100) {
			out.write(0x81);
			out.write(value.length);
		}
		else {
			out.write(0x82);
			out.write(value.length >> 8);
			out.write(value.length & 0xff);
		}
		out.writeBytes(value);
		return out.toByteArray();
	}

}
