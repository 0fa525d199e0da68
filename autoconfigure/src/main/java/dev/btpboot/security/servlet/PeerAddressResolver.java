package dev.btpboot.security.servlet;

import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletRequestWrapper;
import jakarta.servlet.http.HttpServletRequest;

import dev.btpboot.security.PeerAddresses;

import org.springframework.core.env.Environment;

/**
 * The address of the TCP peer of a servlet request, never taken from {@code X-Forwarded-For} or
 * {@code Forwarded} ({@link PeerAddresses}). In order: the peer address recorded by
 * {@link PeerAddressValve} (Tomcat, registered by the starter's chain); otherwise the remote address
 * of the servlet container's own request, below any wrapper such as Spring's
 * {@code ForwardedHeaderFilter} ({@code server.forward-headers-strategy=framework}), unless the
 * server rewrites that address itself (native strategy, set or deduced from the cloud platform as
 * Spring Boot does), in which case the peer is unknown.
 */
public final class PeerAddressResolver {

	/** The request attribute holding the TCP peer address. */
	static final String PEER_ADDRESS_ATTRIBUTE = PeerAddressResolver.class.getName() + ".peerAddress";

	private final boolean serverRewritesRemoteAddress;

	PeerAddressResolver(boolean serverRewritesRemoteAddress) {
		this.serverRewritesRemoteAddress = serverRewritesRemoteAddress;
	}

	/**
	 * @param environment the application's environment
	 * @return a resolver for a server that rewrites remote addresses natively when Spring Boot's
	 *         rule says so: {@code server.forward-headers-strategy=native}, or the strategy unset on a
	 *         cloud platform that uses forward headers
	 */
	public static PeerAddressResolver of(Environment environment) {
		return new PeerAddressResolver("native".equals(PeerAddresses.forwardHeadersStrategy(environment)));
	}

	/**
	 * @param request a request
	 * @return the address of its TCP peer, or {@code null} when it cannot be known
	 */
	public String peerAddress(HttpServletRequest request) {
		if (request.getAttribute(PEER_ADDRESS_ATTRIBUTE) instanceof String peerAddress) {
			return peerAddress;
		}
		if (this.serverRewritesRemoteAddress) {
			return null;
		}
		ServletRequest containerRequest = request;
		while (containerRequest instanceof ServletRequestWrapper wrapper) {
			containerRequest = wrapper.getRequest();
		}
		return containerRequest.getRemoteAddr();
	}

}
