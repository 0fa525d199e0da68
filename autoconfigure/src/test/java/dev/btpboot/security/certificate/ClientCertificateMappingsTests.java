package dev.btpboot.security.certificate;

import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.btpboot.security.BtpSecurityProperties;
import dev.btpboot.testing.TestCertificates;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which entries of {@code btp.security.client-certificates} a certificate matches: distinguished
 * names compared after normalisation, fingerprints in any spelling, every criterion of an entry.
 */
class ClientCertificateMappingsTests {

	static final TestCertificates.Issued client = TestCertificates.selfSignedRsa("client");

	@Test
	void aSubjectOrIssuerMatchesInAnySpellingOfTheSameNameAndNoOtherName() {
		Map<String, BtpSecurityProperties.ClientCertificate> entries = new LinkedHashMap<>();
		entries.put("spelled-otherwise", entry(" cn = CLIENT ", null, null));
		entries.put("issuer-too", entry("CN=client", "cn=client", null));
		entries.put("other-subject", entry("CN=someone else", null, null));
		entries.put("other-issuer", entry("CN=client", "CN=another CA", null));
		assertThat(ClientCertificateMappings.of(entries).matching(client.certificate()))
			.extracting(ClientCertificateMappings.Mapping::key)
			.containsExactly("spelled-otherwise", "issuer-too");
	}

	@Test
	void aFingerprintMatchesWithOrWithoutColonsInEitherCaseAndOnlyThatCertificate() throws Exception {
		String hex = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(client.certificate().getEncoded()));
		Map<String, BtpSecurityProperties.ClientCertificate> entries = new LinkedHashMap<>();
		entries.put("colons", entry(null, null, List.of(ClientCertificateMappings.colons(hex))));
		entries.put("lower", entry(null, null, List.of(hex)));
		entries.put("rotated-away", entry(null, null, List.of("00".repeat(32))));
		assertThat(ClientCertificateMappings.of(entries).matching(client.certificate()))
			.extracting(ClientCertificateMappings.Mapping::key)
			.containsExactly("colons", "lower");
		assertThat(ClientCertificateMappings.of(entries).matching(TestCertificates.selfSignedRsa("client").certificate()))
			.as("another certificate with the same subject")
			.isEmpty();
	}

	private static BtpSecurityProperties.ClientCertificate entry(String subject, String issuer, List<String> sha256) {
		BtpSecurityProperties.ClientCertificate entry = new BtpSecurityProperties.ClientCertificate();
		entry.setSubject(subject);
		entry.setIssuer(issuer);
		entry.setSha256(sha256);
		entry.setRoles(Set.of("Sender"));
		return entry;
	}

}
