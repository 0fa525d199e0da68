package dev.btpboot.security.reactive;

import java.net.InetSocketAddress;
import java.net.SocketAddress;

import dev.btpboot.security.PeerAddresses;
import reactor.netty.Connection;

import org.springframework.core.env.Environment;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.util.ClassUtils;
import org.springframework.web.server.ServerWebExchange;

/**
 * The address of the TCP peer of a reactive request, never taken from {@code X-Forwarded-For} or
 * {@code Forwarded} ({@link PeerAddresses}). On Reactor Netty the peer is the address of the
 * request's channel: {@code ServerHttpRequest.getRemoteAddress()} is not, because Reactor Netty's
 * forwarded-header support ({@code server.forward-headers-strategy=native}) and Spring's
 * {@code ForwardedHeaderTransformer} ({@code framework}) both rewrite it, while neither touches the
 * channel. On other servers the remote address is the peer unless forwarded headers are processed
 * (either strategy, set or deduced from the cloud platform as Spring Boot does); then the peer is
 * unknown.
 */
public final class ReactivePeerAddressResolver {

	private static final boolean REACTOR_NETTY_PRESENT = ClassUtils.isPresent("reactor.netty.Connection",
			ReactivePeerAddressResolver.class.getClassLoader());

	private final boolean remoteAddressRewritten;

	ReactivePeerAddressResolver(boolean remoteAddressRewritten) {
		this.remoteAddressRewritten = remoteAddressRewritten;
	}

	/**
	 * @param environment the application's environment
	 * @return the resolver for the forward-headers strategy Spring Boot applies there
	 */
	public static ReactivePeerAddressResolver of(Environment environment) {
		return new ReactivePeerAddressResolver(!"none".equals(PeerAddresses.forwardHeadersStrategy(environment)));
	}

	/**
	 * @param exchange an exchange
	 * @return the address of its TCP peer, or {@code null} when it cannot be known
	 */
	public String peerAddress(ServerWebExchange exchange) {
		ServerHttpRequest request = exchange.getRequest();
		if (REACTOR_NETTY_PRESENT) {
			SocketAddress channelPeer = ReactorNetty.channelPeer(request);
			if (channelPeer != null) {
				return address(channelPeer);
			}
		}
		return this.remoteAddressRewritten ? null : address(request.getRemoteAddress());
	}

	private static String address(SocketAddress socket) {
		return (socket instanceof InetSocketAddress inet && inet.getAddress() != null)
				? inet.getAddress().getHostAddress() : null;
	}

	/** Touches Reactor Netty classes only when they are present. */
	private static final class ReactorNetty {

		/** The peer of the channel below the request, also below a request that was mutated. */
		static SocketAddress channelPeer(ServerHttpRequest request) {
			Object nativeRequest;
			try {
				nativeRequest = ServerHttpRequestDecorator.getNativeRequest(request);
			}
			catch (IllegalArgumentException | IllegalStateException ex) {
				return null; // a request without a native one, such as a mock request of WebTestClient
			}
			return (nativeRequest instanceof Connection connection) ? connection.channel().remoteAddress() : null;
		}

	}

}
