package dev.btpboot.security.mock;

import java.util.Objects;

import org.springframework.security.web.authentication.WebAuthenticationDetails;

/**
 * Spring Security's web details of a request plus what the mock users need: whether the TCP peer
 * is a loopback address.
 */
public final class ClientSocketDetails extends WebAuthenticationDetails {

	private static final long serialVersionUID = 1L;

	private final boolean loopback;

	/**
	 * @param remoteAddress the client's address
	 * @param sessionId the HTTP session id, or {@code null}
	 * @param loopback whether the TCP peer of the request is a loopback address
	 */
	public ClientSocketDetails(String remoteAddress, String sessionId, boolean loopback) {
		super(remoteAddress, sessionId);
		this.loopback = loopback;
	}

	/** @return whether the socket address is known and a loopback address */
	public boolean isLoopback() {
		return this.loopback;
	}

	@Override
	public boolean equals(Object other) {
		return super.equals(other) && other instanceof ClientSocketDetails details && details.loopback == this.loopback;
	}

	@Override
	public int hashCode() {
		return Objects.hash(super.hashCode(), this.loopback);
	}

}
