package dev.btpboot.security.mock.servlet;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;

import dev.btpboot.security.PeerAddresses;
import dev.btpboot.security.mock.ClientSocketDetails;
import dev.btpboot.security.servlet.PeerAddressResolver;

import org.springframework.security.authentication.AuthenticationDetailsSource;

/**
 * Judges whether a request comes from a loopback client by the address of its TCP peer
 * ({@link PeerAddressResolver}), never by {@code X-Forwarded-For} or {@code Forwarded}; a peer
 * that cannot be known counts as remote.
 */
final class ClientSocketDetailsSource implements AuthenticationDetailsSource<HttpServletRequest, ClientSocketDetails> {

	private final PeerAddressResolver peers;

	ClientSocketDetailsSource(PeerAddressResolver peers) {
		this.peers = peers;
	}

	@Override
	public ClientSocketDetails buildDetails(HttpServletRequest request) {
		HttpSession session = request.getSession(false);
		return new ClientSocketDetails(request.getRemoteAddr(), (session != null) ? session.getId() : null,
				PeerAddresses.isLoopback(this.peers.peerAddress(request)));
	}

}
