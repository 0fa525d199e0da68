package dev.btpboot.connectivity.socks;

import java.net.InetSocketAddress;
import java.time.Duration;

/**
 * What the handshake of one connection needs, fixed when its socket is made, so the socket never
 * calls back into its factory.
 *
 * @param proxy the proxy's SOCKS5 address (may be unresolved)
 * @param token the token for the proxy
 * @param locationId the Cloud Connector location id, or {@code null} (for messages)
 * @param encodedLocationId the location id as sent: Base64, empty when there is none
 * @param connectTimeout the deadline for connect plus handshake
 */
record HandshakeInput(InetSocketAddress proxy, String token, String locationId, String encodedLocationId,
		Duration connectTimeout) implements ConnectivitySocket.HandshakeSource {

	/** @return this input, fixed when the socket was made */
	@Override
	public HandshakeInput handshakeInput() {
		return this;
	}

	/** Without the token: a record would print every component. */
	@Override
	public String toString() {
		return "HandshakeInput[proxy=" + this.proxy + ", locationId=" + this.locationId + ", connectTimeout="
				+ this.connectTimeout + "]";
	}

}
