package dev.btpboot.security.certificate;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import dev.btpboot.security.AddressRange;
import dev.btpboot.security.BtpSecurityProperties;
import dev.btpboot.security.LogThrottle;
import dev.btpboot.security.PeerAddresses;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.core.env.Environment;
import org.springframework.util.StringUtils;

/**
 * The one rule for whose forwarded client certificate counts, for certificate authentication and
 * the proof of possession of certificate-bound tokens, on both stacks: the header
 * ({@code btp.security.forwarded-client-certificate.header}) counts only when the TCP peer of the
 * request is a trusted proxy ({@code trusted-proxies}, judged as {@link PeerAddresses} judges a
 * client, never by forwarded headers), and then only within its last {@code hops} elements
 * ({@link ClientCertificates}). Several header lines are one comma-joined value (RFC 9110). A
 * header of an untrusted peer counts as absent; a WARN names the peer, at most once a minute.
 * <p>
 * Defaults by platform: on Cloud Foundry ({@code VCAP_APPLICATION}) no peer is trusted, because the
 * gorouter forwards a header a client sent unchanged in its default mode; on Kubernetes
 * ({@code KUBERNETES_SERVICE_HOST}) loopback (the Istio sidecar forwards from {@code 127.0.0.6})
 * and two hops (the ingress gateway's element with the certificate, then the sidecar's without);
 * elsewhere loopback and one hop.
 */
public final class ForwardedClientCertificates {

	/** The value of {@code trusted-proxies} that trusts every peer. */
	public static final String ANY = "any";

	private static final String PREFIX = BtpSecurityProperties.PREFIX + ".forwarded-client-certificate";

	private static final Log logger = LogFactory.getLog(ForwardedClientCertificates.class);

	private final String header;

	/** The trusted peers; {@code null} for any. */
	private final List<AddressRange> trustedProxies;

	private final int hops;

	/** Where the trusted proxies and hops come from, for the log. */
	private final String origin;

	private final LogThrottle untrustedPeers;

	ForwardedClientCertificates(String header, List<AddressRange> trustedProxies, int hops, String origin,
			Clock clock) {
		this.header = header;
		this.trustedProxies = trustedProxies;
		this.hops = hops;
		this.origin = origin;
		this.untrustedPeers = new LogThrottle(clock, Duration.ofMinutes(1));
	}

	/**
	 * @param properties {@code btp.security.forwarded-client-certificate}
	 * @param environment the environment, for the platform's defaults
	 * @return the rule
	 * @throws ClientCertificateConfigurationException naming a setting that cannot work
	 */
	public static ForwardedClientCertificates of(BtpSecurityProperties.ForwardedClientCertificate properties,
			Environment environment) {
		String header = (properties.getHeader() != null) ? properties.getHeader().trim() : "";
		if (header.isEmpty()) {
			throw new ClientCertificateConfigurationException(PREFIX + ".header is empty.",
					"Set it to the request header your TLS terminator forwards the client certificate in, "
							+ "or remove it to use X-Forwarded-Client-Cert.");
		}
		boolean cloudFoundry = StringUtils.hasText(environment.getProperty("VCAP_APPLICATION"));
		boolean kubernetes = !cloudFoundry && StringUtils.hasText(environment.getProperty("KUBERNETES_SERVICE_HOST"));
		String platform = cloudFoundry ? "on Cloud Foundry"
				: kubernetes ? "on Kubernetes" : "outside Cloud Foundry and Kubernetes";
		List<AddressRange> trusted;
		String origin;
		if (properties.getTrustedProxies() != null) {
			trusted = trustedProxies(properties.getTrustedProxies());
			origin = "";
		}
		else {
			trusted = cloudFoundry ? List.of() : PeerAddresses.LOOPBACK;
			origin = " (the default " + platform + ")";
		}
		int hops;
		if (properties.getHops() != null) {
			hops = properties.getHops();
			if (hops < 1) {
				throw new ClientCertificateConfigurationException(PREFIX + ".hops is " + hops + ".",
						"Set it to the number of elements the trusted hops in front of the application append "
								+ "to the header, at least 1 (Istio's gateway and sidecar: 2).");
			}
		}
		else {
			hops = kubernetes ? 2 : 1;
		}
		return new ForwardedClientCertificates(header, trusted, hops, origin, Clock.systemUTC());
	}

	private static List<AddressRange> trustedProxies(List<String> configured) {
		List<AddressRange> ranges = new ArrayList<>();
		for (int i = 0; i < configured.size(); i++) {
			String entry = (configured.get(i) != null) ? configured.get(i).trim() : "";
			if (entry.isEmpty()) {
				continue;
			}
			if (entry.toLowerCase(Locale.ROOT).equals(ANY)) {
				return null;
			}
			try {
				ranges.add(AddressRange.parse(entry));
			}
			catch (IllegalArgumentException ex) {
				throw new ClientCertificateConfigurationException(
						PREFIX + ".trusted-proxies[" + i + "] " + ex.getMessage() + ".",
						"Write each trusted proxy as an IP address or CIDR range (10.0.0.0/8, fd00::/8), never a host "
								+ "name, or use 'any' to trust every peer.");
			}
		}
		return List.copyOf(ranges);
	}

	/** @return the header the certificate is forwarded in */
	public String header() {
		return this.header;
	}

	/** @return how many elements at the end of the header trusted hops appended */
	public int hops() {
		return this.hops;
	}

	/** @return whether no peer may set the header, so that it never counts */
	public boolean trustsNoPeer() {
		return this.trustedProxies != null && this.trustedProxies.isEmpty();
	}

	/**
	 * @param lines the request's lines of the header, empty when it has none
	 * @param peerAddress the address of the request's TCP peer, {@code null} when it cannot be known;
	 * asked only when the header is there
	 * @return what counts of the header
	 */
	public ForwardedCertificate read(List<String> lines, Supplier<String> peerAddress) {
		if (lines.isEmpty()) {
			return ForwardedCertificate.NONE;
		}
		if (this.trustedProxies != null) {
			String peer = peerAddress.get();
			if (!PeerAddresses.isIn(peer, this.trustedProxies)) {
				warnUntrusted(peer);
				return ForwardedCertificate.NONE;
			}
		}
		return ClientCertificates.forwarded((lines.size() == 1) ? lines.get(0) : String.join(",", lines), this.hops);
	}

	private void warnUntrusted(String peer) {
		if (this.untrustedPeers.permits(Boolean.TRUE)) {
			logger.warn("The " + this.header + " header of a request from "
					+ ((peer != null) ? peer : "a peer whose address the server does not report (it rewrites "
							+ "remote addresses from forwarded headers)")
					+ " was ignored: only " + PREFIX + ".trusted-proxies (" + trustedProxiesText()
					+ ") may set it. Logged at most once a minute.");
		}
		else if (logger.isDebugEnabled()) {
			logger.debug("The " + this.header + " header of a request from " + peer + " was ignored: untrusted peer");
		}
	}

	private String trustedProxiesText() {
		if (this.trustedProxies == null) {
			return ANY;
		}
		return this.trustedProxies.isEmpty() ? "none"
				: this.trustedProxies.stream().map(AddressRange::toString).collect(Collectors.joining(", "));
	}

	/** @return the rule for the start-up log, e.g. header, trusted proxies and hops */
	public String describe() {
		return "header " + this.header + " from trusted proxies " + trustedProxiesText() + this.origin + ", the last "
				+ this.hops + ((this.hops == 1) ? " element" : " elements");
	}

}
