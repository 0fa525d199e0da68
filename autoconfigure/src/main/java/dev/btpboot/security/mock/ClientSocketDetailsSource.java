package dev.btpboot.security.mock;

import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletRequestWrapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;

import org.springframework.boot.cloud.CloudPlatform;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;
import org.springframework.security.authentication.AuthenticationDetailsSource;
import org.springframework.security.web.util.matcher.IpAddressMatcher;

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

	private static final IpAddressMatcher LOOPBACK_IPV4 = new IpAddressMatcher("127.0.0.0/8");

	private static final IpAddressMatcher LOOPBACK_IPV6 = new IpAddressMatcher("::1/128");

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
		String strategy = Binder.get(environment).bind("server.forward-headers-strategy", String.class).orElse(null);
		CloudPlatform platform = CloudPlatform.getActive(environment);
		boolean rewrites = (strategy != null) ? "native".equalsIgnoreCase(strategy.trim())
				: platform != null && platform.isUsingForwardHeaders();
		return new ClientSocketDetailsSource(rewrites);
	}

	@Override
	public ClientSocketDetails buildDetails(HttpServletRequest request) {
		HttpSession session = request.getSession(false);
		return new ClientSocketDetails(request.getRemoteAddr(), (session != null) ? session.getId() : null,
				isLoopback(socketAddress(request)));
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

	static boolean isLoopback(String address) {
		if (address == null) {
			return false;
		}
		try {
			return LOOPBACK_IPV4.matches(address) || LOOPBACK_IPV6.matches(address);
		}
		catch (IllegalArgumentException ex) {
			// Not an IP address literal: nothing a socket reports, so not a known loopback peer.
			return false;
		}
	}

}
