package dev.btpboot.security.certificate;

import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.Date;
import java.util.List;
import java.util.Map;

import dev.btpboot.security.BtpSecurityProperties;
import dev.btpboot.security.BtpUser;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.CredentialsExpiredException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.web.authentication.preauth.PreAuthenticatedAuthenticationToken;

/**
 * Authenticates a forwarded client certificate (the credentials of a
 * {@link PreAuthenticatedAuthenticationToken}) as the user of the one
 * {@code btp.security.client-certificates} entry it matches: a technical user named by the key,
 * with the entry's roles as authorities and its tenant. A certificate outside its validity dates,
 * one that matches no entry, or one that matches several, is refused.
 */
public final class ClientCertificateAuthenticationProvider implements AuthenticationProvider {

	private static final Log logger = LogFactory.getLog(ClientCertificateAuthenticationProvider.class);

	private final ClientCertificateMappings mappings;

	private final Clock clock;

	/**
	 * @param mappings the configured certificates and the users they map to
	 * @param clock the clock that decides whether a certificate is valid now
	 */
	public ClientCertificateAuthenticationProvider(ClientCertificateMappings mappings, Clock clock) {
		this.mappings = mappings;
		this.clock = clock;
	}

	/**
	 * The provider of the configured entries, for the servlet and the reactive chain alike: the
	 * entries are checked, listed at INFO with the rule of the forwarded header, and a WARN says so
	 * when no peer may set that header.
	 * @param entries {@code btp.security.client-certificates}
	 * @param forwarded the rule of the forwarded header
	 * @return the provider
	 * @throws ClientCertificateConfigurationException naming the first entry that cannot match
	 */
	public static ClientCertificateAuthenticationProvider of(Map<String, BtpSecurityProperties.ClientCertificate> entries,
			ForwardedClientCertificates forwarded) {
		ClientCertificateMappings mappings = ClientCertificateMappings.of(entries);
		logger.info("Client certificates authenticate requests without a token: the certificate forwarded in "
				+ forwarded.describe() + " is mapped to a user." + System.lineSeparator() + mappings.describe());
		if (forwarded.trustsNoPeer()) {
			logger.warn("btp.security.client-certificates has entries, but no TCP peer may set the "
					+ forwarded.header() + " header (btp.security.forwarded-client-certificate.trusted-proxies is "
					+ "empty, the default on Cloud Foundry), so no certificate authenticates a request. Cloud "
					+ "Foundry's gorouter forwards a header a client sent unchanged in its default mode "
					+ "(always_forward), and SAP's edge sets it only on client-certificate domains: set "
					+ "trusted-proxies to 'any' only when every route to the application is on such a domain, or "
					+ "to the addresses of the proxy that sets the header.");
		}
		return new ClientCertificateAuthenticationProvider(mappings, Clock.systemUTC());
	}

	@Override
	public Authentication authenticate(Authentication authentication) throws AuthenticationException {
		X509Certificate certificate = (X509Certificate) authentication.getCredentials();
		String subject = certificate.getSubjectX500Principal().getName();
		try {
			certificate.checkValidity(Date.from(this.clock.instant()));
		}
		catch (CertificateExpiredException | CertificateNotYetValidException ex) {
			logger.debug("Client certificate " + subject + " refused: outside its validity ("
					+ certificate.getNotBefore().toInstant() + " to " + certificate.getNotAfter().toInstant() + ")");
			throw new CredentialsExpiredException("The client certificate is outside its validity period");
		}
		List<ClientCertificateMappings.Mapping> matching = this.mappings.matching(certificate);
		if (matching.size() != 1) {
			if (matching.isEmpty()) {
				logger.debug("Client certificate " + subject + " refused: no btp.security.client-certificates "
						+ "entry matches it");
			}
			else {
				// A configuration mistake: refusing is safer than guessing which roles were meant.
				logger.warn("Client certificate " + subject + " refused: several btp.security.client-certificates "
						+ "entries match it " + matching.stream().map(ClientCertificateMappings.Mapping::key).toList());
			}
			throw new BadCredentialsException("The client certificate is not mapped to a user");
		}
		ClientCertificateMappings.Mapping mapping = matching.get(0);
		BtpUser user = new BtpUser(mapping.key(), mapping.tenant(), null, mapping.roles(), null, null, null,
				true);
		PreAuthenticatedAuthenticationToken result = new PreAuthenticatedAuthenticationToken(user, certificate,
				AuthorityUtils.createAuthorityList(mapping.roles()));
		result.setDetails(authentication.getDetails());
		return result;
	}

	@Override
	public boolean supports(Class<?> authentication) {
		return PreAuthenticatedAuthenticationToken.class.isAssignableFrom(authentication);
	}

}
