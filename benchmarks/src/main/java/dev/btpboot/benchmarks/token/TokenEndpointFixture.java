package dev.btpboot.benchmarks.token;

import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.sap.cloud.security.config.ClientCredentials;
import com.sap.cloud.security.xsuaa.client.XsuaaDefaultEndpoints;
import com.sap.cloud.security.xsuaa.client.XsuaaOAuth2TokenService;
import com.sap.cloud.security.xsuaa.tokenflows.XsuaaTokenFlows;
import dev.btpboot.binding.BindingsAutoConfiguration;
import dev.btpboot.token.TokenAutoConfiguration;
import dev.btpboot.token.TokenProvider;

import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.web.client.RestTemplate;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

/**
 * One WireMock token endpoint, our {@code xsuaaTokenProvider} (built by the auto-configuration
 * from a {@code VCAP_SERVICES} binding) and SAP token-client's {@link XsuaaTokenFlows} as users
 * set it up without this starter: {@link XsuaaOAuth2TokenService} over a {@link RestTemplate},
 * token-client's default cache.
 */
final class TokenEndpointFixture implements AutoCloseable {

	private static final String TOKEN_PATH = "/oauth/token";

	private final WireMockServer server;

	private final AnnotationConfigApplicationContext context;

	final TokenProvider ours;

	final XsuaaTokenFlows tokenClient;

	/**
	 * @param expiresIn lifetime of the tokens the endpoint issues, seconds
	 * @param latencyMillis how long the endpoint takes to answer
	 */
	TokenEndpointFixture(long expiresIn, int latencyMillis) {
		this.server = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1").containerThreads(50));
		this.server.start();
		this.server.stubFor(post(TOKEN_PATH).willReturn(okJson("{\"access_token\":\"bench-token\",\"token_type\":"
				+ "\"bearer\",\"expires_in\":" + expiresIn + "}").withFixedDelay(latencyMillis)));
		String url = "http://localhost:" + this.server.port();
		this.context = new AnnotationConfigApplicationContext();
		this.context.getEnvironment()
			.getPropertySources()
			.addFirst(new MapPropertySource("benchmark", Map.of("VCAP_SERVICES",
					"{\"xsuaa\":[{\"name\":\"bench\",\"label\":\"xsuaa\",\"credentials\":{\"clientid\":\"sb-bench\","
							+ "\"clientsecret\":\"bench-secret\",\"url\":\"" + url
							+ "\",\"uaadomain\":\"localhost\",\"xsappname\":\"bench\"}}]}")));
		this.context.register(BindingsAutoConfiguration.class, TokenAutoConfiguration.class);
		this.context.refresh();
		this.ours = this.context.getBean("xsuaaTokenProvider", TokenProvider.class);
		this.tokenClient = new XsuaaTokenFlows(new XsuaaOAuth2TokenService(new RestTemplate()),
				new XsuaaDefaultEndpoints(url, null), new ClientCredentials("sb-bench", "bench-secret"));
	}

	/** @return token requests the endpoint received since the last call */
	int takeRequestCount() {
		int count = this.server.findAll(postRequestedFor(urlEqualTo(TOKEN_PATH))).size();
		this.server.resetRequests();
		return count;
	}

	@Override
	public void close() {
		this.context.close();
		this.server.stop();
	}

}
