package dev.btpboot.connectivity;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

import dev.btpboot.binding.ConnectivityCredentials;
import dev.btpboot.connectivity.ConnectivityProperties.Mode;

/**
 * The connectivity proxy this application uses: its address and mode, resolved once from
 * {@code btp.connectivity.*} and the connectivity binding.
 *
 * @param host the proxy host, or {@code null} when neither the binding nor a property names one
 * @param httpPort the HTTP port, or {@code 0} when unknown
 * @param socks5Port the SOCKS5 port, or {@code 0} when unknown
 * @param mode the mode in force, never {@link Mode#AUTO}
 * @param locationId the Cloud Connector location id, or {@code null}; printable ASCII, at most 189
 * characters (see {@link #encodeLocationId(String)})
 */
public record ConnectivityProxy(String host, int httpPort, int socks5Port, Mode mode, String locationId) {

	static final String KUBERNETES_HOST = "connectivity-proxy.kyma-system.svc.cluster.local";

	static final int KUBERNETES_HTTP_PORT = 20003;

	static final int KUBERNETES_SOCKS5_PORT = 20004;

	/**
	 * @throws ConnectivityConfigurationException when the location id cannot be sent (at start-up,
	 * rather than on every connection)
	 */
	public ConnectivityProxy {
		encodeLocationId(locationId);
	}

	/**
	 * Resolves the proxy: a property wins over the binding, the binding over the Kubernetes
	 * defaults (which apply in the Kubernetes modes only).
	 * @param properties the {@code btp.connectivity} properties
	 * @param binding the connectivity binding, if any
	 * @return the proxy
	 */
	public static ConnectivityProxy resolve(ConnectivityProperties properties, Optional<ConnectivityCredentials> binding) {
		Mode mode = properties.getMode();
		if (mode == Mode.AUTO) {
			boolean cloudFoundry = binding.map(ConnectivityCredentials::proxyHost).isPresent();
			mode = cloudFoundry ? Mode.CLOUD_FOUNDRY : Mode.KUBERNETES_UNTRUSTED;
		}
		boolean kubernetes = mode != Mode.CLOUD_FOUNDRY;
		String host = first(properties.getProxy().getHost(), binding.map(ConnectivityCredentials::proxyHost).orElse(null),
				kubernetes ? KUBERNETES_HOST : null);
		int httpPort = port(properties.getProxy().getHttpPort(), binding.map(ConnectivityCredentials::proxyHttpPort),
				kubernetes ? KUBERNETES_HTTP_PORT : 0);
		int socks5Port = port(properties.getProxy().getSocks5Port(),
				binding.map(ConnectivityCredentials::proxySocks5Port), kubernetes ? KUBERNETES_SOCKS5_PORT : 0);
		return new ConnectivityProxy(host, httpPort, socks5Port, mode, first(properties.getLocationId()));
	}

	/**
	 * @return the SOCKS5 address, unresolved (the JDK resolves it when connecting)
	 * @throws ConnectivityConfigurationException when host or port are unknown
	 */
	public InetSocketAddress socks5Address() {
		return address(this.socks5Port, "socks5-port", "onpremise_socks5_proxy_port");
	}

	/**
	 * @return the HTTP proxy address, unresolved
	 * @throws ConnectivityConfigurationException when host or port are unknown
	 */
	public InetSocketAddress httpAddress() {
		return address(this.httpPort, "http-port", "onpremise_proxy_http_port");
	}

	private InetSocketAddress address(int port, String property, String field) {
		if (this.host == null) {
			throw new ConnectivityConfigurationException("the connectivity proxy host is unknown",
					"Bind the connectivity service (field onpremise_proxy_host) or set btp.connectivity.proxy.host.");
		}
		if (port == 0) {
			throw new ConnectivityConfigurationException("the connectivity proxy " + property + " is unknown",
					"Bind the connectivity service (field " + field + ") or set btp.connectivity.proxy." + property
							+ ".");
		}
		return InetSocketAddress.createUnresolved(this.host, port);
	}

	/**
	 * The location id as the SOCKS5 handshake sends it: Base64 after a one-byte length. The one
	 * rule for location ids: printable ASCII (it also travels as an HTTP header, and the handshake
	 * must not turn a character into {@code ?}), at most 189 characters (255 in Base64).
	 * @param locationId a location id, or {@code null}
	 * @return its Base64 form, empty when there is none
	 * @throws ConnectivityConfigurationException when the location id breaks the rule
	 */
	public static byte[] encodeLocationId(String locationId) {
		if (locationId == null) {
			return new byte[0];
		}
		for (int i = 0; i < locationId.length(); i++) {
			char c = locationId.charAt(i);
			if (c < 0x20 || c > 0x7e) {
				throw new ConnectivityConfigurationException(String.format(
						"the location id has a character that is not printable ASCII (U+%04X at position %d)", (int) c,
						i + 1), "Set btp.connectivity.location-id to the location id of the Cloud Connector, "
								+ "which is printable ASCII.");
			}
		}
		byte[] encoded = Base64.getEncoder().encode(locationId.getBytes(StandardCharsets.US_ASCII));
		if (encoded.length > 255) {
			throw new ConnectivityConfigurationException(
					"the location id is " + encoded.length + " characters long in Base64",
					"btp.connectivity.location-id must be at most 255 characters in Base64 (189 characters).");
		}
		return encoded;
	}

	private static String first(String... candidates) {
		for (String candidate : candidates) {
			if (candidate != null && !candidate.isBlank()) {
				return candidate.trim();
			}
		}
		return null;
	}

	private static int port(Integer property, Optional<Integer> fromBinding, int fallback) {
		if (property != null) {
			return property;
		}
		return fromBinding.filter((port) -> port > 0).orElse(fallback);
	}

}
