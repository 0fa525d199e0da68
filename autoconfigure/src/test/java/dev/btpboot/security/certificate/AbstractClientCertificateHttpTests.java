package dev.btpboot.security.certificate;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import javax.security.auth.x500.X500Principal;

import org.junit.jupiter.api.Test;

import dev.btpboot.security.BtpUser;
import dev.btpboot.security.jwt.JwtFixture;
import dev.btpboot.testing.TestCertificates;

import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import static dev.btpboot.security.HttpClients.bearer;
import static dev.btpboot.security.HttpClients.get;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Client certificates forwarded by a TLS terminator, in JWT mode (XSUAA and IAS bound, served by
 * WireMock), through a real server of each stack (the subclasses), from loopback, which is trusted
 * locally: mapped by subject, by subject and issuer, or by fingerprint; refused when unmapped,
 * outside their validity or unreadable; and a bearer token, when present, authenticates the request
 * instead.
 */
abstract class AbstractClientCertificateHttpTests {

	static final String HEADER = "X-Forwarded-Client-Cert";

	static final Instant now = Instant.now();

	static final TestCertificates.Issued partnerCa = TestCertificates.issue(new X500Principal("CN=Partner CA,O=Partner"),
			TestCertificates.rsaKeyPair(), null, now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(30)));

	static final TestCertificates.Issued otherCa = TestCertificates.issue(new X500Principal("CN=Other CA,O=Other"),
			TestCertificates.rsaKeyPair(), null, now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(30)));

	/** Mapped by subject alone, with role Viewer. */
	static final TestCertificates.Issued sender = issue("CN=sender,OU=Integration,O=ACME,C=DE", partnerCa, 0);

	/** Mapped by subject alone, without roles. */
	static final TestCertificates.Issued auditor = issue("CN=auditor,O=ACME,C=DE", partnerCa, 0);

	/** Mapped by subject and issuer (the partner CA). */
	static final TestCertificates.Issued partner = issue("CN=partner,O=Partner,C=FR", partnerCa, 0);

	static final TestCertificates.Issued partnerFromOtherCa = issue("CN=partner,O=Partner,C=FR", otherCa, 0);

	/** Mapped by fingerprint: the current and the next certificate of a rotation. */
	static final TestCertificates.Issued pinned = issue("CN=pinned", otherCa, 0);

	static final TestCertificates.Issued pinnedNext = issue("CN=pinned", otherCa, 0);

	static final TestCertificates.Issued unmapped = issue("CN=stranger,O=ACME,C=DE", partnerCa, 0);

	static final TestCertificates.Issued expired = issue("CN=sender,OU=Integration,O=ACME,C=DE", partnerCa, -1);

	static final TestCertificates.Issued notYetValid = issue("CN=sender,OU=Integration,O=ACME,C=DE", partnerCa, 1);

	@LocalServerPort
	int port;

	JwtFixture fixture = fixture();

	/** @return the XSUAA and IAS of the subclass */
	abstract JwtFixture fixture();

	/** The entries every subclass configures. */
	static void entries(DynamicPropertyRegistry registry) {
		// Spelled differently from the certificates: compared after normalisation.
		registry.add("btp.security.client-certificates.sender.subject", () -> "cn=Sender, ou=integration,o=ACME, c=de");
		registry.add("btp.security.client-certificates.sender.roles", () -> "Viewer,Sender");
		registry.add("btp.security.client-certificates.sender.tenant", () -> "tenant-s");
		registry.add("btp.security.client-certificates.auditor.subject", () -> "CN=auditor,O=ACME,C=DE");
		registry.add("btp.security.client-certificates.partner.subject", () -> "CN=partner,O=Partner,C=FR");
		registry.add("btp.security.client-certificates.partner.issuer", () -> "CN=Partner CA, O=Partner");
		registry.add("btp.security.client-certificates.partner.roles", () -> "Viewer");
		registry.add("btp.security.client-certificates.pinned.sha256",
				() -> colonHex(pinned) + "," + HexFormat.of().formatHex(sha256(pinnedNext)));
		registry.add("btp.security.client-certificates.pinned.roles", () -> "Viewer");
	}

	@Test
	void aMappedSubjectIsTheUserOfItsKeyWithTheRolesAndTenantOfItsEntry() {
		HttpResponse<String> me = get(this.port, "/me", HEADER, base64Der(sender));
		assertThat(me.statusCode()).isEqualTo(200);
		assertThat(me.body()).isEqualTo("sender|tenant-s|[Sender, Viewer]");
		assertThat(get(this.port, "/me/name", HEADER, base64Der(sender)).body()).isEqualTo("sender");
		assertThat(get(this.port, "/viewer", HEADER, base64Der(sender)).statusCode()).isEqualTo(200);
		assertThat(get(this.port, "/me/technical", HEADER, base64Der(sender)).body()).isEqualTo("true");
		String token = JwtFixture.sign(fixture.xsuaaKey, fixture.xsuaaClaims().build());
		assertThat(get(this.port, "/me/technical", "Authorization", bearer(token)).body()).isEqualTo("false");
	}

	@Test
	void aMappedSubjectWithoutTheRoleIsForbidden() {
		assertThat(get(this.port, "/me", HEADER, base64Der(auditor)).body()).isEqualTo("auditor|null|[]");
		HttpResponse<String> viewer = get(this.port, "/viewer", HEADER, base64Der(auditor));
		assertThat(viewer.statusCode()).isEqualTo(403);
		assertThat(viewer.body()).contains("\"status\":403");
	}

	@Test
	void anUnmappedCertificateIsUnauthorized() {
		HttpResponse<String> response = get(this.port, "/me", HEADER, base64Der(unmapped));
		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(response.body()).contains("\"status\":401").doesNotContain("stranger");
	}

	@Test
	void aCertificateOutsideItsValidityIsUnauthorized() {
		assertThat(get(this.port, "/me", HEADER, base64Der(expired)).statusCode()).isEqualTo(401);
		assertThat(get(this.port, "/me", HEADER, base64Der(notYetValid)).statusCode()).isEqualTo(401);
	}

	@Test
	void anIssuerInTheEntryMustHaveIssuedTheCertificate() {
		assertThat(get(this.port, "/viewer", HEADER, base64Der(partner)).statusCode()).isEqualTo(200);
		assertThat(get(this.port, "/me", HEADER, base64Der(partnerFromOtherCa)).statusCode()).isEqualTo(401);
	}

	@Test
	void aFingerprintMatchesExactlyThatCertificateAndSeveralAllowARotation() {
		assertThat(get(this.port, "/me", HEADER, base64Der(pinned)).body()).isEqualTo("pinned|null|[Viewer]");
		assertThat(get(this.port, "/me", HEADER, base64Der(pinnedNext)).body()).isEqualTo("pinned|null|[Viewer]");
		// Same subject and issuer, other key: a fingerprint entry does not match it.
		assertThat(get(this.port, "/me", HEADER, base64Der(issue("CN=pinned", otherCa, 0))).statusCode())
			.isEqualTo(401);
	}

	@Test
	void theCertificateIsReadAsPemAndFromEnvoysXfccHeader() {
		// A header value holds no line breaks: PEM arrives on one line.
		String pem = sender.certificatePem().strip().replace("\n", " ");
		String xfcc = "By=spiffe://cluster.local/ns/app/sa/default;Hash=abc;Cert=\"" + urlEncoded(sender)
				+ "\";Subject=\"CN=sender,OU=Integration,O=ACME,C=DE\";URI=spiffe://cluster.local/ns/istio-system";
		for (String header : List.of(pem, xfcc)) {
			assertThat(get(this.port, "/me", HEADER, header).body()).as(header)
				.isEqualTo("sender|tenant-s|[Sender, Viewer]");
		}
	}

	@Test
	void ofSeveralXfccElementsOnlyTheOneTheTerminatorAppendedCounts() {
		String senderElement = "Hash=1;Cert=\"" + urlEncoded(sender) + "\";Subject=\"CN=sender\"";
		String strangerElement = "By=spiffe://gateway;Hash=2;Cert=\"" + urlEncoded(unmapped) + "\"";
		assertThat(get(this.port, "/me", HEADER, senderElement + "," + strangerElement).statusCode()).isEqualTo(401);
		assertThat(get(this.port, "/me", HEADER, strangerElement + "," + senderElement).body())
			.isEqualTo("sender|tenant-s|[Sender, Viewer]");
	}

	@Test
	void aHeaderWithoutAReadableCertificateIsUnauthorized() {
		for (String header : List.of("garbage", "Cert=\"%ZZ\"", "By=spiffe://gateway;Hash=2")) {
			assertThat(get(this.port, "/me", HEADER, header).statusCode()).as(header).isEqualTo(401);
		}
	}

	@Test
	void aBearerTokenAuthenticatesARequestThatAlsoCarriesACertificate() {
		String token = JwtFixture.sign(fixture.xsuaaKey, fixture.xsuaaClaims().build());
		assertThat(get(this.port, "/me", "Authorization", bearer(token), HEADER, base64Der(sender)).body())
			.isEqualTo("alice|tenant-1|[Viewer]");
		assertThat(get(this.port, "/me", "Authorization", bearer(token), HEADER, base64Der(unmapped)).body())
			.isEqualTo("alice|tenant-1|[Viewer]");
		assertThat(get(this.port, "/me", "Authorization", bearer("not-a-token"), HEADER, base64Der(sender))
			.statusCode()).isEqualTo(401);
	}

	@Test
	void theCertificateStillProvesPossessionOfACertificateBoundToken() {
		String token = JwtFixture.sign(fixture.iasKey,
				fixture.iasClaims().claim("cnf", Map.of("x5t#S256", thumbprint(sender))).build());
		assertThat(get(this.port, "/me", "Authorization", bearer(token), HEADER, base64Der(sender)).body())
			.isEqualTo("bob@example.com|tenant-2|[Viewer]");
		assertThat(get(this.port, "/me", "Authorization", bearer(token), HEADER, base64Der(pinned)).statusCode())
			.isEqualTo(401);
	}

	@Test
	void proofOfPossessionReadsTheXfccElementTheTerminatorAppended() {
		String token = JwtFixture.sign(fixture.iasKey,
				fixture.iasClaims().claim("cnf", Map.of("x5t#S256", thumbprint(sender))).build());
		String senderElement = "Hash=1;Cert=\"" + urlEncoded(sender) + "\"";
		String strangerElement = "By=spiffe://gateway;Hash=2;Cert=\"" + urlEncoded(unmapped) + "\"";
		assertThat(get(this.port, "/me", "Authorization", bearer(token), HEADER, strangerElement + "," + senderElement)
			.statusCode()).isEqualTo(200);
		assertThat(get(this.port, "/me", "Authorization", bearer(token), HEADER, senderElement + "," + strangerElement)
			.statusCode()).isEqualTo(401);
	}

	@Test
	void withoutTokenOrCertificateTheBearerChallengeIsUnchanged() {
		HttpResponse<String> response = get(this.port, "/me");
		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(response.headers().firstValue("WWW-Authenticate")).get().asString().startsWith("Bearer");
	}

	@RestController
	static class TechnicalController {

		@GetMapping("/me/technical")
		boolean technical(@AuthenticationPrincipal BtpUser user) {
			return user.technical();
		}

		@GetMapping("/me/name")
		String name(Authentication authentication) {
			return authentication.getName();
		}

	}

	/** @param validity -1 expired a day ago, 1 valid from tomorrow, 0 valid now */
	static TestCertificates.Issued issue(String subject, TestCertificates.Issued ca, int validity) {
		Instant notBefore = (validity == 0) ? now.minus(Duration.ofHours(1))
				: (validity < 0) ? now.minus(Duration.ofDays(10)) : now.plus(Duration.ofDays(1));
		Instant notAfter = (validity == 0) ? now.plus(Duration.ofDays(1))
				: (validity < 0) ? now.minus(Duration.ofDays(1)) : now.plus(Duration.ofDays(10));
		return TestCertificates.issue(new X500Principal(subject), TestCertificates.rsaKeyPair(), ca, notBefore,
				notAfter);
	}

	static String base64Der(TestCertificates.Issued certificate) {
		return Base64.getEncoder().encodeToString(der(certificate));
	}

	static String urlEncoded(TestCertificates.Issued certificate) {
		return URLEncoder.encode(certificate.certificatePem(), StandardCharsets.UTF_8);
	}

	static String thumbprint(TestCertificates.Issued certificate) {
		return Base64.getUrlEncoder().withoutPadding().encodeToString(sha256(certificate));
	}

	/** @return the fingerprint as openssl prints it, AB:CD:... */
	static String colonHex(TestCertificates.Issued certificate) {
		return HexFormat.ofDelimiter(":").withUpperCase().formatHex(sha256(certificate));
	}

	static byte[] sha256(TestCertificates.Issued certificate) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(der(certificate));
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static byte[] der(TestCertificates.Issued certificate) {
		try {
			return certificate.certificate().getEncoded();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

}
