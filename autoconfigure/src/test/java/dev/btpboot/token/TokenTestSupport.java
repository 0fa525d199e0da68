package dev.btpboot.token;

import java.net.InetSocketAddress;
import java.net.ProxySelector;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;

import dev.btpboot.binding.ServiceBinding;
import dev.btpboot.binding.XsuaaCredentials;

/** Sleepers, bindings and JWTs for token tests. */
final class TokenTestSupport {

	static final String SECRET = "s3cr3t-VALUE-never-logged";

	private TokenTestSupport() {
	}

	/** Records the waits between attempts instead of spending them. */
	static final class RecordingSleeper implements TokenEndpointClient.Sleeper {

		final List<Duration> sleeps = new CopyOnWriteArrayList<>();

		@Override
		public void sleep(Duration duration) throws InterruptedException {
			if (Thread.currentThread().isInterrupted()) {
				throw new InterruptedException();
			}
			this.sleeps.add(duration);
		}

	}

	static TokenProviderFactory factory(TokenProperties properties, Clock clock, Executor refresher,
			TokenObserver.Factory observers, KeyStore trustStore, int proxyPort, TokenEndpointClient.Sleeper sleeper) {
		TokenHttpClients httpClients = TokenHttpClients.JVM_DEFAULTS;
		if (trustStore != null) {
			httpClients = httpClients.trusting(trustStore);
		}
		if (proxyPort > 0) {
			httpClients = httpClients.through(ProxySelector.of(new InetSocketAddress("127.0.0.1", proxyPort)));
		}
		return new TokenProviderFactory(properties, new ResponseBodies(new BtpHttpProperties().getMaxResponseSize()),
				clock, refresher, observers, httpClients, sleeper, OutgoingHeaders.NONE);
	}

	/** @return credentials of an xsuaa binding whose token service is at the URL */
	static XsuaaCredentials xsuaa(String bindingName, String url) {
		return XsuaaCredentials.from(binding(bindingName, "xsuaa", Map.of("clientid", "sb-" + bindingName,
				"clientsecret", SECRET, "url", url, "uaadomain", "localhost", "xsappname", bindingName)));
	}

	static ServiceBinding binding(String name, String service, Map<String, Object> credentials) {
		return new ServiceBinding(name, service, "application", List.of(), credentials, "test");
	}

	/** @return an unsigned JWT-shaped token with the given payload (enough for routing) */
	static String jwt(String payloadJson) {
		Base64.Encoder encoder = Base64.getUrlEncoder().withoutPadding();
		return encoder.encodeToString("{\"alg\":\"none\"}".getBytes(StandardCharsets.UTF_8)) + "."
				+ encoder.encodeToString(payloadJson.getBytes(StandardCharsets.UTF_8)) + ".c2lnbmF0dXJl";
	}

	static String tokenResponse(String accessToken, long expiresIn) {
		return "{\"access_token\":\"" + accessToken + "\",\"token_type\":\"bearer\",\"expires_in\":" + expiresIn + "}";
	}

}
