package dev.btpboot.binding;

import java.security.cert.X509Certificate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Health contributor {@code btpBindings}: each binding that authenticates with an X.509
 * certificate, with the subject and {@code notAfter} of every certificate of its chain. Always
 * UP: an expiring certificate is a warning in the log (once), not a reason to restart the
 * instance, which would read the same files again.
 */
final class BindingsHealthIndicator implements HealthIndicator {

	private final ServiceBindings bindings;

	private final CertificateExpiryCheck expiry;

	BindingsHealthIndicator(ServiceBindings bindings, CertificateExpiryCheck expiry) {
		this.bindings = bindings;
		this.expiry = expiry;
	}

	@Override
	public Health health() {
		this.expiry.check(this.bindings);
		Map<String, Object> details = new LinkedHashMap<>();
		this.bindings.typedCredentials().forEach((binding, credentials) -> {
			if (credentials.authentication() instanceof X509Identity identity) {
				Map<String, Object> detail = new LinkedHashMap<>();
				detail.put("service", binding.service());
				detail.put("certificates", certificates(identity.certificateChain()));
				details.put(binding.name(), detail);
			}
		});
		return Health.up().withDetails(details).build();
	}

	private static List<Map<String, Object>> certificates(List<X509Certificate> chain) {
		return chain.stream().map((certificate) -> {
			Map<String, Object> detail = new LinkedHashMap<>();
			detail.put("subject", certificate.getSubjectX500Principal().getName());
			detail.put("notAfter", certificate.getNotAfter().toInstant().toString());
			return detail;
		}).toList();
	}

}
