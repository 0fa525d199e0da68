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
	void ofTheTrailingHopsTheLastElementCarryingACertificateCountsAndElementsFurtherLeftNever() {
		String forwarded = "Hash=0;Cert=\"" + encoded(other) + "\"";
		String gateway = "Hash=1;Cert=\"" + encoded(client) + "\";Subject=\"CN=client\"";
		String sidecar = "By=spiffe://cluster.local/ns/app/sa/default;Hash=2;URI=spiffe://gateway";
		assertThat(ClientCertificates.read(gateway + "," + sidecar, 2)).isEqualTo(client.certificate());
		assertThat(ClientCertificates.read(forwarded + "," + gateway + "," + sidecar, 2))
			.isEqualTo(client.certificate());
		assertThat(ClientCertificates.read(gateway + "," + sidecar, 1)).isNull();
		assertThat(ClientCertificates.read(forwarded + ",By=spiffe://gateway;Hash=1," + sidecar, 2)).isNull();
		assertThat(ClientCertificates.read(forwarded + ",By=spiffe://gateway;Hash=1," + sidecar, 3))
			.isEqualTo(other.certificate());
		assertThat(ClientCertificates.read(gateway, 5)).isEqualTo(client.certificate());
	}

	@Test
	void aHeaderWhoseTrustedElementsCarryNoCertificateCarriesNothingWhileAnUnreadableOneIsCarried() {
		for (String nothing : new String[] { "By=spiffe://x;Hash=abc;URI=spiffe://y", "uri=spiffe://y", " ", "" }) {
			assertThat(ClientCertificates.forwarded(nothing, 1)).as(nothing).isEqualTo(ForwardedCertificate.NONE);
		}
		for (String unreadable : new String[] { "garbage", "Cert=\"%ZZ\"", "Cert=", "Cert=\"" + encoded(client),
				"MIIB,MIIC" }) {
			ForwardedCertificate forwarded = ClientCertificates.forwarded(unreadable, 1);
			assertThat(forwarded.carried()).as(unreadable).isTrue();
			assertThat(forwarded.unreadable()).as(unreadable).isTrue();
		}
		assertThat(ClientCertificates.forwarded("Cert=\"" + encoded(client) + "\"", 1).certificate())
			.isEqualTo(client.certificate());
	}

	@Test
	void aBackslashInsideQuotesEscapesTheNextCharacterSoAQuotedSeparatorNeverEndsAnElement() {
		// The earlier element's Subject holds \",Cert=... inside its quotes: one element, no certificate.
		String forgedInside = "Hash=1;Subject=\"a\\\",Cert=" + encoded(other) + "\",By=spiffe://sidecar;Hash=2";
		assertThat(ClientCertificates.forwarded(forgedInside, 1)).isEqualTo(ForwardedCertificate.NONE);
		assertThat(ClientCertificates.forwarded(forgedInside, 2)).isEqualTo(ForwardedCertificate.NONE);
		// An escaped quote before the certificate of the same element: the certificate is that element's.
		String escapedBefore = "By=spiffe://gateway;Subject=\"a\\\",Cert=" + encoded(other) + "\\\"\";Cert=\""
				+ encoded(client) + "\"";
		assertThat(ClientCertificates.read(escapedBefore, 1)).isEqualTo(client.certificate());
		// An escaped backslash is one backslash, and the quote after it closes the value.
		assertThat(ClientCertificates.read("Subject=\"a\\\\\";Cert=\"" + encoded(client) + "\"", 1))
			.isEqualTo(client.certificate());
	}

	@Test
	void aHeaderEndingInAnOpenQuoteAndABackslashIsUnreadableWithoutAnException() {
		for (String header : new String[] { "Cert=\"abc\\", "Subject=\"\\", "Cert=\"" + encoded(client) + "\\",
				"By=x,Cert=\"\\" }) {
			assertThat(ClientCertificates.forwarded(header, 2)).as(header).isEqualTo(ForwardedCertificate.UNREADABLE);
			assertThat(ClientCertificates.read(header)).as(header).isNull();
		}
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
