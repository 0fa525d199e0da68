package dev.btpboot.security.certificate.servlet;

import java.util.Collections;
import java.util.Enumeration;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;

import dev.btpboot.security.certificate.ForwardedCertificate;
import dev.btpboot.security.certificate.ForwardedClientCertificates;
import dev.btpboot.security.servlet.PeerAddressResolver;

/**
 * The forwarded client certificate of a servlet request by {@link ForwardedClientCertificates}'
 * rule: every line of the header, from a trusted TCP peer ({@link PeerAddressResolver}) only.
 */
public final class RequestClientCertificates {

	private final ForwardedClientCertificates rule;

	private final PeerAddressResolver peers;

	/**
	 * @param rule the rule of the forwarded header
	 * @param peers finds the TCP peer of a request
	 */
	public RequestClientCertificates(ForwardedClientCertificates rule, PeerAddressResolver peers) {
		this.rule = rule;
		this.peers = peers;
	}

	/**
	 * @param request a request
	 * @return what counts of its forwarded client certificate header
	 */
	public ForwardedCertificate read(HttpServletRequest request) {
		Enumeration<String> lines = request.getHeaders(this.rule.header());
		if (lines == null || !lines.hasMoreElements()) {
			return ForwardedCertificate.NONE;
		}
		List<String> values = Collections.list(lines);
		return this.rule.read(values, () -> this.peers.peerAddress(request));
	}

	/** @return the header the certificate is forwarded in */
	String header() {
		return this.rule.header();
	}

}
