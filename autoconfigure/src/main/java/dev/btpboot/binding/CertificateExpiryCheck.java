package dev.btpboot.binding;

import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Warns once per certificate when a certificate that a binding presents for mutual TLS expires
 * within {@code btp.bindings.certificate-expiry-warning}. Generated X.509 credentials live for
 * days; the warning gives operators time to find a rotation that did not happen.
 */
final class CertificateExpiryCheck {

	private static final Log logger = LogFactory.getLog(CertificateExpiryCheck.class);

	private final Duration warning;

	private final Clock clock;

	/** Certificates already warned about, limited to those still in use. */
	private final Set<X509Certificate> warned = new HashSet<>();

	CertificateExpiryCheck(Duration warning, Clock clock) {
		this.warning = warning;
		this.clock = clock;
	}

	synchronized void check(ServiceBindings bindings) {
		Instant now = this.clock.instant();
		Instant limit = now.plus(this.warning);
		Set<X509Certificate> inUse = new HashSet<>();
		bindings.typedCredentials().forEach((binding, credentials) -> {
			if (credentials.authentication() instanceof X509Identity identity) {
				for (X509Certificate certificate : identity.certificateChain()) {
					inUse.add(certificate);
					Instant notAfter = certificate.getNotAfter().toInstant();
					if (notAfter.isBefore(limit) && this.warned.add(certificate)) {
						logger.warn("The certificate '" + certificate.getSubjectX500Principal().getName() + "' of "
								+ binding.service() + " binding '" + binding.name() + "' (" + binding.source() + ") "
								+ (notAfter.isAfter(now) ? "expires" : "expired") + " at " + notAfter
								+ ", within btp.bindings.certificate-expiry-warning (" + this.warning
								+ "); token requests over mutual TLS fail from then on unless the binding is rotated");
					}
				}
			}
		});
		this.warned.retainAll(inUse);
	}

}
