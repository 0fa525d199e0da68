package dev.btpboot.token;

import java.net.InetSocketAddress;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.btpboot.binding.XsuaaCredentials;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The JDK HTTP client of a token endpoint (with its TLS context) is built on the first request,
 * not when the provider beans are created at start-up, and only once.
 */
class TokenEndpointClientTests {

	@RegisterExtension
	static final WireMockExtension server = WireMockExtension.newInstance()
		.options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"))
		.build();

	@Test
	void theHttpClientIsBuiltOnTheFirstRequestAndOnlyOnce() {
		server.stubFor(post("/oauth/token").willReturn(okJson(TokenTestSupport.tokenResponse("t", 3600))));
		XsuaaCredentials credentials = XsuaaCredentials.from(TokenTestSupport.binding("my-xsuaa", "xsuaa",
				Map.of("clientid", "sb-app!t1", "clientsecret", TokenTestSupport.SECRET, "url",
						"http://provider.auth.localtest", "uaadomain", "auth.localtest", "xsappname", "app!t1")));
		TokenProperties properties = new TokenProperties();
		TokenHttpClients viaWireMock = TokenHttpClients.JVM_DEFAULTS
			.through(ProxySelector.of(new InetSocketAddress("127.0.0.1", server.getPort())));
		AtomicInteger built = new AtomicInteger();
		Supplier<HttpClient> http = () -> {
			built.incrementAndGet();
			return viaWireMock.create(credentials.authentication(), properties);
		};
		TokenEndpointClient client = new TokenEndpointClient(credentials, http, properties,
				new ResponseBodies(new BtpHttpProperties().getMaxResponseSize()), Clock.systemUTC(),
				new TokenTestSupport.RecordingSleeper(), OutgoingHeaders.NONE);
		assertThat(built).hasValue(0);
		URI endpoint = URI.create("http://provider.auth.localtest/oauth/token");
		client.request(endpoint, TokenGrant.CLIENT_CREDENTIALS, null, null);
		client.request(endpoint, TokenGrant.CLIENT_CREDENTIALS, null, null);
		assertThat(built).hasValue(1);
		server.verify(2, postRequestedFor(urlEqualTo("/oauth/token")));
	}

}
