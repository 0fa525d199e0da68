package dev.btpboot.security.certificate;

import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.security.auth.x500.X500Principal;

import dev.btpboot.security.BtpSecurityProperties;

/**
 * The client certificates of {@code btp.security.client-certificates}, validated once at start-up
 * and compared in normalised form: distinguished names in {@link X500Principal#CANONICAL} form,
 * fingerprints as lower-case hexadecimal digits.
 */
final class ClientCertificateMappings {

	private static final String PREFIX = BtpSecurityProperties.PREFIX + ".client-certificates.";

	private static final Pattern FINGERPRINT = Pattern
		.compile("[0-9a-fA-F]{64}|(?:[0-9a-fA-F]{2}:){31}[0-9a-fA-F]{2}");

	private final List<Mapping> mappings;

	private ClientCertificateMappings(List<Mapping> mappings) {
		this.mappings = mappings;
	}

	/**
	 * @param configured the entries by key
	 * @return the mappings in configuration order
	 * @throws ClientCertificateConfigurationException naming the key of the first entry that cannot match
	 */
	static ClientCertificateMappings of(Map<String, BtpSecurityProperties.ClientCertificate> configured) {
		List<Mapping> mappings = new ArrayList<>();
		configured.forEach((key, entry) -> mappings.add(mapping(key, entry)));
		return new ClientCertificateMappings(List.copyOf(mappings));
	}

	private static Mapping mapping(String key, BtpSecurityProperties.ClientCertificate entry) {
		List<String> fingerprints = (entry.getSha256() != null) ? entry.getSha256() : List.of();
		if (isBlank(entry.getSubject()) && fingerprints.isEmpty()) {
			throw new ClientCertificateConfigurationException(
					PREFIX + key + " names neither a subject nor a sha256 fingerprint, so no certificate could match it.",
					"Set " + PREFIX + key + ".subject to the certificate's subject distinguished name (RFC 2253, "
							+ "e.g. CN=sender,O=ACME,C=DE) or " + PREFIX + key
							+ ".sha256 to its SHA-256 fingerprint, or remove the entry.");
		}
		Set<String> sha256 = new LinkedHashSet<>();
		for (int i = 0; i < fingerprints.size(); i++) {
			String fingerprint = (fingerprints.get(i) != null) ? fingerprints.get(i).trim() : "";
			if (!FINGERPRINT.matcher(fingerprint).matches()) {
				throw new ClientCertificateConfigurationException(PREFIX + key + ".sha256[" + i
						+ "] is not a SHA-256 fingerprint (" + fingerprint.length() + " characters).",
						"Set it to the 64 hexadecimal digits of the certificate's SHA-256 fingerprint, colons "
								+ "allowed, as 'openssl x509 -noout -fingerprint -sha256 -in cert.pem' prints them "
								+ "after 'sha256 Fingerprint='.");
			}
			sha256.add(fingerprint.replace(":", "").toLowerCase(Locale.ROOT));
		}
		String subject = canonical(key, "subject", entry.getSubject());
		String issuer = canonical(key, "issuer", entry.getIssuer());
		Set<String> roles = (entry.getRoles() != null) ? Set.copyOf(entry.getRoles()) : Set.of();
		return new Mapping(key, subject, issuer, Set.copyOf(sha256), roles, entry.getTenant(),
				describe(entry, sha256, roles));
	}

	private static String canonical(String key, String field, String name) {
		if (isBlank(name)) {
			return null;
		}
		try {
			return new X500Principal(name.trim()).getName(X500Principal.CANONICAL);
		}
		catch (IllegalArgumentException ex) {
			throw new ClientCertificateConfigurationException(
					PREFIX + key + "." + field + " '" + name + "' is not a distinguished name.",
					"Write it as RFC 2253 does, e.g. CN=sender,OU=Integration,O=ACME,C=DE.");
		}
	}

	private static String describe(BtpSecurityProperties.ClientCertificate entry, Set<String> sha256,
			Set<String> roles) {
		StringBuilder text = new StringBuilder();
		if (!isBlank(entry.getSubject())) {
			text.append(" subject=").append(entry.getSubject().trim());
		}
		if (!isBlank(entry.getIssuer())) {
			text.append(" issuer=").append(entry.getIssuer().trim());
		}
		if (!sha256.isEmpty()) {
			text.append(" sha256=").append(sha256.stream().map(ClientCertificateMappings::colons).toList());
		}
		text.append(" roles=").append(roles.stream().sorted().toList());
		if (entry.getTenant() != null) {
			text.append(" tenant=").append(entry.getTenant());
		}
		return text.toString();
	}

	/** @return the fingerprint as openssl prints it: upper case, colon-separated pairs */
	static String colons(String hex) {
		return Pattern.compile("(..)(?!$)").matcher(hex.toUpperCase(Locale.ROOT)).replaceAll("$1:");
	}

	private static boolean isBlank(String value) {
		return value == null || value.isBlank();
	}

	/**
	 * @param certificate a client certificate
	 * @return the mappings it matches, in configuration order
	 */
	List<Mapping> matching(X509Certificate certificate) {
		String subject = certificate.getSubjectX500Principal().getName(X500Principal.CANONICAL);
		String issuer = certificate.getIssuerX500Principal().getName(X500Principal.CANONICAL);
		String sha256 = HexFormat.of().formatHex(ClientCertificates.sha256(certificate));
		return this.mappings.stream().filter((mapping) -> mapping.matches(subject, issuer, sha256)).toList();
	}

	/** @return one line per mapping: key, subject, issuer, fingerprints, roles, tenant; nothing secret */
	String describe() {
		return this.mappings.stream()
			.map((mapping) -> mapping.key() + mapping.description())
			.collect(Collectors.joining(System.lineSeparator() + "  ", "  ", ""));
	}

	/**
	 * One entry, normalised.
	 *
	 * @param key the key, which is the user name
	 * @param subject the canonical subject DN, or {@code null} for any
	 * @param issuer the canonical issuer DN, or {@code null} for any
	 * @param sha256 lower-case hexadecimal fingerprints; empty for any
	 * @param roles the user's roles
	 * @param tenant the user's tenant, or {@code null}
	 * @param description the entry as configured, for the start-up log
	 */
	record Mapping(String key, String subject, String issuer, Set<String> sha256, Set<String> roles, String tenant,
			String description) {

		boolean matches(String subject, String issuer, String sha256) {
			return (this.subject == null || this.subject.equals(subject))
					&& (this.issuer == null || this.issuer.equals(issuer))
					&& (this.sha256.isEmpty() || this.sha256.contains(sha256));
		}

	}

}
