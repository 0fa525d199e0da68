package dev.btpboot.security.jwt;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.junit.jupiter.api.BeforeAll;

import dev.btpboot.security.certificate.ClientCertificates;
import dev.btpboot.testing.TestCertificates;

import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fuzzes the forwarded client certificate header (PEM, base64 DER or Envoy's
 * {@code x-forwarded-client-cert}) as the proof of possession of a certificate-bound IAS token
 * reads it. The first input byte picks the shape: raw header text, one of the well-formed
 * spellings of a test certificate (which must give its thumbprint), or an XFCC element list with
 * the fuzzer's text in its other fields. Properties: the parser never throws; the request check
 * passes exactly when the header yields the token's thumbprint and otherwise fails with a 401
 * whose message echoes no part of the header. Seeds: {@code ClientCertificatesFuzzTestsInputs}.
 */
class ClientCertificatesFuzzTests {

	private static final Pattern LONG_RUN = Pattern.compile("[^\\s;,=\"]{20,}");

	static TestCertificates.Issued certificate;

	static String thumbprint;

	@BeforeAll
	static void setUp() throws Exception {
		certificate = TestCertificates.selfSignedRsa("client");
		thumbprint = Base64.getUrlEncoder()
			.withoutPadding()
			.encodeToString(MessageDigest.getInstance("SHA-256").digest(certificate.certificate().getEncoded()));
	}

	@FuzzTest
	void clientCertificateHeader(byte[] input) throws Exception {
		String text = (input.length > 2) ? new String(input, 2, input.length - 2, StandardCharsets.ISO_8859_1) : "";
		int choice = (input.length > 1) ? input[1] & 0xff : 0;
		String header = switch ((input.length > 0) ? input[0] & 0x03 : 0) {
			case 1 -> wellFormed(choice);
			case 2 -> "By=" + text + ";Hash=" + text + ";Cert=\""
					+ URLEncoder.encode(certificate.certificatePem(), StandardCharsets.UTF_8) + "\";Subject=\"" + text
					+ "\";URI=" + text;
			default -> text;
		};
		String presented = ClientCertificates.thumbprint(header);
		if (presented != null) {
			assertThat(presented).matches("[A-Za-z0-9_-]{43}");
		}
		if ((input.length > 0) && (input[0] & 0x03) == 1) {
			assertThat(presented).as("well-formed spelling %s", choice % 4).isEqualTo(thumbprint);
		}
		Jwt bound = Jwt.withTokenValue("t")
			.header("alg", "RS256")
			.claim("cnf", Map.of("x5t#S256", thumbprint))
			.build();
		try {
			ProofOfPossession.check(bound, () -> ClientCertificates.read(header));
			assertThat(presented).as("passes only with the bound certificate").isEqualTo(thumbprint);
		}
		catch (InvalidBearerTokenException ex) {
			assertThat(presented).isNotEqualTo(thumbprint);
			Matcher part = LONG_RUN.matcher(header);
			while (part.find()) {
				assertThat(ex.getMessage()).doesNotContain(part.group());
			}
		}
	}

	/** The spellings a router forwards: base64 DER, PEM, PEM on one line, XFCC with a URL-encoded PEM. */
	private static String wellFormed(int choice) throws Exception {
		String pem = certificate.certificatePem();
		return switch (choice % 4) {
			case 0 -> Base64.getEncoder().encodeToString(certificate.certificate().getEncoded());
			case 1 -> pem;
			case 2 -> pem.replace("\n", " ");
			default -> "By=spiffe://router;Hash=abc;Cert=\"" + URLEncoder.encode(pem, StandardCharsets.UTF_8)
					+ "\";Subject=\"CN=client\"";
		};
	}

}
