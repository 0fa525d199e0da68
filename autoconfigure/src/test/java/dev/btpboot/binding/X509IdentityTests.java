package dev.btpboot.binding;

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
		X509Identity identity = X509Identity.fromPem(issued.certificatePem(), issued.rsaPkcs1PrivateKeyPem());
		assertThat(identity.privateKey().getEncoded()).isEqualTo(issued.keyPair().getPrivate().getEncoded());
	}

	@Test
	void readsEcPkcs8Key() {
		TestCertificates.Issued issued = TestCertificates.selfSignedEc("ec.example");
		X509Identity identity = X509Identity.fromPem(issued.certificatePem(), issued.privateKeyPem());
		assertThat(identity.privateKey().getAlgorithm()).isEqualTo("EC");
	}

	@Test
	void readsEcSec1Key() {
		TestCertificates.Issued issued = TestCertificates.selfSignedEc("sec1.example");
		X509Identity identity = X509Identity.fromPem(issued.certificatePem(), issued.ecSec1PrivateKeyPem());
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

}
