package dev.btpboot.security.mock;

import java.util.Locale;

import org.springframework.boot.cloud.CloudPlatform;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;
import org.springframework.security.web.util.matcher.IpAddressMatcher;

/**
 * What the servlet ({@code ClientSocketDetailsSource}) and the reactive
 * ({@code ReactivePeerAddress}) judgement of a client share: which address is a
 * loopback address, and Spring Boot's rule for whether the server rewrites the remote address
 * from forwarded headers itself.
 */
public final class PeerAddresses {

	private static final IpAddressMatcher LOOPBACK_IPV4 = new IpAddressMatcher("127.0.0.0/8");

	private static final IpAddressMatcher LOOPBACK_IPV6 = new IpAddressMatcher("::1/128");

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

	public static boolean isLoopback(String address) {
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
