package dev.btpboot.security.certificate.reactive;

import java.util.List;

import dev.btpboot.security.certificate.ForwardedCertificate;
import dev.btpboot.security.certificate.ForwardedClientCertificates;
import dev.btpboot.security.reactive.ReactivePeerAddressResolver;

import org.springframework.web.server.ServerWebExchange;

/**
 * The forwarded client certificate of a reactive request by {@link ForwardedClientCertificates}'
 * rule: every line of the header, from a trusted TCP peer ({@link ReactivePeerAddressResolver})
 * only.
 */
public final class ExchangeClientCertificates {

	private final ForwardedClientCertificates rule;

	private final ReactivePeerAddressResolver peers;

	/**
	 * @param rule the rule of the forwarded header
	 * @param peers finds the TCP peer of an exchange
	 */
	public ExchangeClientCertificates(ForwardedClientCertificates rule, ReactivePeerAddressResolver peers) {
		this.rule = rule;
		this.peers = peers;
	}

	/**
	 * @param exchange an exchange
	 * @return what counts of its forwarded client certificate header
	 */
	public ForwardedCertificate read(ServerWebExchange exchange) {
		List<String> lines = exchange.getRequest().getHeaders().get(this.rule.header());
		if (lines == null || lines.isEmpty()) {
			return ForwardedCertificate.NONE;
		}
		return this.rule.read(lines, () -> this.peers.peerAddress(exchange));
	}

	/** @return the header the certificate is forwarded in */
	String header() {
		return this.rule.header();
	}

}
