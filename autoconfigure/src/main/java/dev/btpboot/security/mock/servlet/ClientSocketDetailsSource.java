package dev.btpboot.security.mock.servlet;

import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletRequestWrapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;

import dev.btpboot.security.mock.ClientSocketDetails;
import dev.btpboot.security.mock.PeerAddresses;

import org.springframework.core.env.Environment;
import org.springframework.security.authentication.AuthenticationDetailsSource;

/**
 * Judges whether a request comes from a loopback client by the address of its TCP peer, never by
 * {@code X-Forwarded-For} or {@code Forwarded}. In order: the peer address recorded by
 * {@link PeerAddressValve} (Tomcat); otherwise the remote address of the servlet container's own
 * request, below any wrapper such as Spring's {@code ForwardedHeaderFilter}
 * ({@code server.forward-headers-strategy=framework}), unless the server rewrites that address
 * itself (native strategy, set or deduced from the cloud platform as Spring Boot does), in which
 * case the socket address is unknown and the client counts as remote.
 */
final class ClientSocketDetailsSource implements AuthenticationDetailsSource<HttpServletRequest, ClientSocketDetails> {

	/** The request attribute holding the TCP peer address. */
	static final String PEER_ADDRESS_ATTRIBUTE = ClientSocketDetailsSource.class.getName() + ".peerAddress";

	private final boolean serverRewritesRemoteAddress;

	ClientSocketDetailsSource(boolean serverRewritesRemoteAddress) {
		this.serverRewritesRemoteAddress = serverRewritesRemoteAddress;
	}

	/**
	 * @param environment the application's environment
	 * @return a source for a server that rewrites remote addresses natively when Spring Boot's
	 *         rule says so: {@code server.forward-headers-strategy=native}, or the strategy unset
	 *         on a cloud platform that uses forward headers
	 */
	static ClientSocketDetailsSource of(Environment environment) {
		return new ClientSocketDetailsSource("native".equals(PeerAddresses.forwardHeadersStrategy(environment)));
	}

	@Override
	public ClientSocketDetails buildDetails(HttpServletRequest request) {
		HttpSession session = request.getSession(false);
		return new ClientSocketDetails(request.getRemoteAddr(), (session != null) ? session.getId() : null,
				PeerAddresses.isLoopback(socketAddress(request)));
	}

	/** @return the TCP peer address, or {@code null} when it cannot be known */
	private String socketAddress(HttpServletRequest request) {
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
