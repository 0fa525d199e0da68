package dev.btpboot.connectivity;

/**
 * The start-up check of mail and LDAP: their connections must be able to use the connectivity
 * proxy, unless {@link LocalRoutes} are set (a local run, where a virtual host without a route
 * fails on connect instead of at start-up).
 */
public final class ProxyRequirement {

	private ProxyRequirement() {
	}

	/**
	 * @param property the property that switched the feature on, named in the error
	 * @param proxy the connectivity proxy
	 * @param tokens the tokens for the proxy
	 * @param localRoutes the local routes
	 * @throws ConnectivityConfigurationException when there are no local routes and the proxy
	 * address or the tokens are missing
	 */
	public static void check(String property, ConnectivityProxy proxy, ConnectivityTokens tokens,
			LocalRoutes localRoutes) {
		if (!localRoutes.isEmpty()) {
			return;
		}
		proxy.socks5Address();
		tokens.require(property);
	}

}
