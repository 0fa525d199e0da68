package dev.btpboot.security;

import java.net.InetAddress;
import java.util.List;
import java.util.Locale;

import org.springframework.boot.cloud.CloudPlatform;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;

/**
 * The one rule for judging a client by the TCP peer of its connection, never by
 * {@code X-Forwarded-For} or {@code Forwarded}: shared by the mock users (loopback clients only)
 * and the forwarded client certificate (trusted proxies only), and by the servlet
 * ({@code servlet.PeerAddressResolver}) and the reactive ({@code reactive.ReactivePeerAddressResolver})
 * way of finding that peer. It says which addresses are loopback addresses, and Spring Boot's rule
 * for whether the server rewrites the remote address from forwarded headers itself.
 */
public final class PeerAddresses {

	/** {@code 127.0.0.0/8} and {@code ::1}. */
	public static final List<AddressRange> LOOPBACK = List.of(AddressRange.parse("127.0.0.0/8"),
			AddressRange.parse("::1"));

	private PeerAddresses() {
	}

	/**
	 * @param environment the application's environment
	 * @return the forward-headers strategy Spring Boot applies: {@code server.forward-headers-strategy},
	 *         else {@code native} on a cloud platform that uses forward headers, else {@code none}
	 */
	public static String forwardHeadersStrategy(Environment environment) {
		String strategy = Binder.get(environment).bind("server.forward-headers-strategy", String.class).orElse(null);
		if (strategy != null) {
			return strategy.trim().toLowerCase(Locale.ROOT);
		}
		CloudPlatform platform = CloudPlatform.getActive(environment);
		return (platform != null && platform.isUsingForwardHeaders()) ? "native" : "none";
	}

	/**
	 * @param address the peer's address as the socket reports it, or {@code null} when unknown
	 * @return whether it is known and a loopback address
	 */
	public static boolean isLoopback(String address) {
		return isIn(address, LOOPBACK);
	}

	/**
	 * @param address the peer's address as the socket reports it, or {@code null} when unknown
	 * @param ranges addresses and ranges
	 * @return whether it is known, an address literal, and in one of the ranges
	 */
	public static boolean isIn(String address, List<AddressRange> ranges) {
		// Not an address literal: nothing a socket reports, so not a known peer.
		InetAddress peer = AddressRange.literal(address);
		if (peer == null) {
			return false;
		}
		for (AddressRange range : ranges) {
			if (range.contains(peer)) {
				return true;
			}
		}
		return false;
	}

}
