package dev.btpboot.security.certificate;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.util.Base64;

import org.junit.jupiter.api.Test;

import dev.btpboot.testing.TestCertificates;

import static org.assertj.core.api.Assertions.assertThat;

/** The forwarded client certificate header in each spelling a TLS terminator uses. */
class ClientCertificatesTests {

	static final TestCertificates.Issued client = TestCertificates.selfSignedRsa("client");

	static final TestCertificates.Issued other = TestCertificates.selfSignedRsa("other");

	@Test
	void pemBase64DerAndPemOnOneLineAreRead() throws Exception {
		String pem = client.certificatePem();
		for (String header : new String[] { pem, pem.replace("\n", " "),
				Base64.getEncoder().encodeToString(client.certificate().getEncoded()) }) {
			assertThat(ClientCertificates.read(header)).as(header).isEqualTo(client.certificate());
		}
	}

	@Test
	void envoyXfccCertIsUrlDecoded() {
		assertThat(ClientCertificates.read("By=spiffe://cluster/ns/app;Hash=abc;Cert=\"" + encoded(client)
				+ "\";Subject=\"CN=client\";URI=")).isEqualTo(client.certificate());
		assertThat(ClientCertificates.read("cert=" + encoded(client))).isEqualTo(client.certificate());
	}

	@Test
	void ofSeveralXfccElementsTheLastOneCountsTheOneTheTerminatorAppended() {
		String forwarded = "Hash=1;Cert=\"" + encoded(other) + "\";Subject=\"CN=other,O=x\"";
		String appended = "By=spiffe://gateway;Hash=2;Cert=\"" + encoded(client) + "\";Subject=\"CN=client\"";
		assertThat(ClientCertificates.read(forwarded + "," + appended)).isEqualTo(client.certificate());
		assertThat(ClientCertificates.read(appended + ", " + forwarded)).isEqualTo(other.certificate());
	}

	@Test
	void aLastXfccElementWithoutCertMeansNoCertificateEvenIfAnEarlierOneHasOne() {
		assertThat(ClientCertificates.read("Cert=\"" + encoded(client) + "\",By=spiffe://gateway;Hash=2")).isNull();
	}

	@Test
	void quotedXfccValuesMayHoldSeparatorsAndEscapedQuotes() {
		String header = "Subject=\"CN=a,O=\\\"b;c\\\"\";Cert=\"" + encoded(client) + "\";URI=spiffe://x";
		assertThat(ClientCertificates.read(header)).isEqualTo(client.certificate());
	}

	@Test
	void unreadableHeadersGiveNoCertificate() {
		for (String header : new String[] { null, "", " ", "not a certificate", "Cert=\"%ZZ\"", "Cert=",
				"-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----", "Cert=\"" + encoded(client) }) {
			assertThat(ClientCertificates.read(header)).as(header).isNull();
		}
	}

	@Test
	void thumbprintIsTheBase64UrlSha256OfTheDerEncoding() throws Exception {
		X509Certificate certificate = client.certificate();
		assertThat(ClientCertificates.thumbprint(client.certificatePem())).isEqualTo(Base64.getUrlEncoder()
			.withoutPadding()
			.encodeToString(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded())));
		assertThat(ClientCertificates.thumbprint("garbage")).isNull();
	}

	private static String encoded(TestCertificates.Issued certificate) {
		return URLEncoder.encode(certificate.certificatePem(), StandardCharsets.UTF_8);
	}

}
