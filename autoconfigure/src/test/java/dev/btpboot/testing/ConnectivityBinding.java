package dev.btpboot.testing;

/** {@code VCAP_SERVICES} with one connectivity binding, as Cloud Foundry sets it, for tests. */
public final class ConnectivityBinding {

	private ConnectivityBinding() {
	}

	/**
	 * @param proxyHost {@code onpremise_proxy_host}
	 * @param httpPort {@code onpremise_proxy_http_port}
	 * @param socks5Port {@code onpremise_socks5_proxy_port}
	 * @return the JSON of {@code VCAP_SERVICES}
	 */
	public static String vcapServices(String proxyHost, int httpPort, int socks5Port) {
		return """
				{"connectivity": [{"name": "connectivity", "label": "connectivity", "plan": "lite", "tags": ["connectivity"],
				  "credentials": {"clientid": "sb-connectivity-client", "clientsecret": "connectivity-client-secret",
				    "url": "https://provider.authentication.example.com", "token_service_url": "https://provider.authentication.example.com",
				    "onpremise_proxy_host": "%s", "onpremise_proxy_http_port": "%d", "onpremise_proxy_port": "%d",
				    "onpremise_socks5_proxy_port": "%d"}}]}"""
			.formatted(proxyHost, httpPort, httpPort, socks5Port)
			.replace("\n", " ");
	}

}
