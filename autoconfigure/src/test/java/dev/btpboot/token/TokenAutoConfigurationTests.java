package dev.btpboot.token;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.sap.cloud.security.xsuaa.tokenflows.XsuaaTokenFlows;
import dev.btpboot.binding.BindingsAutoConfiguration;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggerConfiguration;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static dev.btpboot.token.TokenTestSupport.tokenResponse;
import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(OutputCaptureExtension.class)
class TokenAutoConfigurationTests {

	@RegisterExtension
	static final WireMockExtension server = WireMockExtension.newInstance()
		.options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"))
		.build();

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(BindingsAutoConfiguration.class, TokenAutoConfiguration.class));

	@BeforeEach
	void stubTokenEndpoints() {
		server.stubFor(post("/oauth/token").willReturn(okJson(tokenResponse("xsuaa-issued", 3600))));
		server.stubFor(post("/oauth2/token").willReturn(okJson(tokenResponse("ias-issued", 3600))));
	}

	private static String vcapServices() {
		String url = "http://localhost:" + server.getPort();
		String secret = "\"clientsecret\":\"" + TokenTestSupport.SECRET + "\"";
		return "VCAP_SERVICES={"
				+ "\"xsuaa\":[{\"name\":\"my-xsuaa\",\"label\":\"xsuaa\",\"tags\":[],\"credentials\":{\"clientid\":\"x\","
				+ secret + ",\"url\":\"" + url + "\",\"uaadomain\":\"localhost\",\"xsappname\":\"app\"}}],"
				+ "\"identity\":[{\"name\":\"my-ias\",\"label\":\"identity\",\"credentials\":{\"clientid\":\"i\","
				+ secret + ",\"url\":\"" + url + "\",\"domains\":[\"localhost\"]}}],"
				+ "\"connectivity\":[{\"name\":\"my-conn\",\"label\":\"connectivity\",\"credentials\":{\"clientid\":\"c\","
				+ secret + ",\"token_service_url\":\"" + url + "\",\"onpremise_proxy_host\":\"proxy\","
				+ "\"onpremise_proxy_http_port\":\"20003\"}}],"
				+ "\"destination\":[{\"name\":\"my-dest\",\"label\":\"destination\",\"credentials\":{\"clientid\":\"d\","
				+ secret + ",\"url\":\"" + url + "\",\"uri\":\"http://destination.localtest\"}}]}";
	}

	@Test
	void oneProviderAndTokenFlowsPerBoundService() {
		this.runner.withPropertyValues(vcapServices()).run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context.getBean("xsuaaTokenProvider", TokenProvider.class).clientCredentials().value())
				.isEqualTo("xsuaa-issued");
			assertThat(context.getBean("connectivityTokenProvider", TokenProvider.class).clientCredentials().value())
				.isEqualTo("xsuaa-issued");
			assertThat(context.getBean("destinationTokenProvider", TokenProvider.class).clientCredentials().value())
				.isEqualTo("xsuaa-issued");
			assertThat(context.getBean("identityTokenProvider", IdentityTokenProvider.class).clientCredentials().value())
				.isEqualTo("ias-issued");
			assertThat(context.getBeansOfType(XsuaaTokenFlows.class)).containsOnlyKeys("xsuaaTokenFlows",
					"connectivityTokenFlows", "destinationTokenFlows");
			assertThat(context.getBean("connectivityTokenFlows", XsuaaTokenFlows.class)
				.clientCredentialsTokenFlow()
				.execute()
				.getAccessToken()).isEqualTo("xsuaa-issued");
			assertThat(context.getBean("btpTokensHealthIndicator", HealthIndicator.class).health().getStatus())
				.isEqualTo(Status.UP);
		});
	}

	/**
	 * token-client's token service builds its Caffeine cache in its constructor and says so at
	 * DEBUG ("Configured token service with ..."): the providers never build one, and the token
	 * flows only when an application first asks for them.
	 */
	@Test
	void tokenClientStartsNoCacheUntilATokenFlowsBeanIsUsed(CapturedOutput output) {
		LoggingSystem logging = LoggingSystem.get(getClass().getClassLoader());
		LoggerConfiguration previous = logging.getLoggerConfiguration("com.sap.cloud.security");
		logging.setLogLevel("com.sap.cloud.security", LogLevel.DEBUG);
		try {
			this.runner.withPropertyValues(vcapServices()).run((context) -> {
				assertThat(context).hasNotFailed();
				for (String service : new String[] { "xsuaa", "connectivity", "destination", "identity" }) {
					TokenProvider provider = context.getBean(service + "TokenProvider", TokenProvider.class);
					assertThat(provider.clientCredentials().value()).isNotEmpty();
					assertThat(provider.jwtBearer(TokenTestSupport.jwt("{\"sub\":\"grace\"}")).value()).isNotEmpty();
				}
				for (String flows : new String[] { "xsuaaTokenFlows", "connectivityTokenFlows",
						"destinationTokenFlows" }) {
					assertThat(context.getBeanFactory().containsBeanDefinition(flows)).isTrue();
					assertThat(context.getBeanFactory().containsSingleton(flows)).as(flows).isFalse();
				}
				assertThat(output.getAll()).doesNotContain("Configured token service");

				assertThat(context.getBean("xsuaaTokenFlows", XsuaaTokenFlows.class)
					.clientCredentialsTokenFlow()
					.execute()
					.getAccessToken()).isEqualTo("xsuaa-issued");
				assertThat(output.getAll()).contains("Configured token service");
			});
		}
		finally {
			logging.setLogLevel("com.sap.cloud.security", (previous != null) ? previous.getConfiguredLevel() : null);
		}
	}

	@Test
	void theProvidersNeedNoTokenClientOnlyTheTokenFlowsDo() {
		this.runner.withPropertyValues(vcapServices())
			.withClassLoader(new FilteredClassLoader(XsuaaTokenFlows.class))
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context.getBean("xsuaaTokenProvider", TokenProvider.class).clientCredentials().value())
					.isEqualTo("xsuaa-issued");
				assertThat(context.getBean("destinationTokenProvider", TokenProvider.class).clientCredentials().value())
					.isEqualTo("xsuaa-issued");
				assertThat(context).doesNotHaveBean(XsuaaTokenFlows.class);
			});
	}

	@Test
	void noProvidersWithoutBindings() {
		this.runner.run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context).doesNotHaveBean(TokenProvider.class).doesNotHaveBean(XsuaaTokenFlows.class);
		});
	}

	@Test
	void aUserBeanOfTheSameNameReplacesOurs() {
		TokenProvider own = new TokenProvider() {

			@Override
			public AccessToken clientCredentials() {
				throw new UnsupportedOperationException();
			}

			@Override
			public AccessToken clientCredentials(String tenantSubdomain) {
				throw new UnsupportedOperationException();
			}

			@Override
			public AccessToken clientCredentialsForTenant(String tenantId) {
				throw new UnsupportedOperationException();
			}

			@Override
			public AccessToken jwtBearer(String userJwt) {
				throw new UnsupportedOperationException();
			}

		};
		this.runner.withPropertyValues(vcapServices())
			.withBean("xsuaaTokenProvider", TokenProvider.class, () -> own)
			.run((context) -> {
				assertThat(context.getBean("xsuaaTokenProvider")).isSameAs(own);
				assertThat(context.getBean("connectivityTokenProvider")).isInstanceOf(XsuaaIssuedTokenProvider.class);
			});
	}

	@Test
	void recordsRequestTimerAndCacheCountersInTheMeterRegistry() {
		this.runner.withPropertyValues(vcapServices())
			.withBean(MeterRegistry.class, SimpleMeterRegistry::new)
			.run((context) -> {
				TokenProvider provider = context.getBean("xsuaaTokenProvider", TokenProvider.class);
				provider.clientCredentials();
				provider.clientCredentials();
				MeterRegistry registry = context.getBean(MeterRegistry.class);
				assertThat(registry.get("btp.token.requests")
					.tag("service", "xsuaa")
					.tag("grant", "client_credentials")
					.tag("outcome", "success")
					.timer()
					.count()).isEqualTo(1);
				assertThat(registry.get("btp.token.cache").tag("service", "xsuaa").tag("result", "hit").counter().count())
					.isEqualTo(1);
				assertThat(registry.get("btp.token.cache").tag("service", "xsuaa").tag("result", "miss").counter().count())
					.isEqualTo(1);
			});
	}

	@Test
	void bindsPropertiesAndShutsTheRefresherDownWithTheContext() {
		TokenRefresher[] refresher = new TokenRefresher[1];
		this.runner
			.withPropertyValues("btp.token.refresh-ahead=0.5", "btp.token.expiry-margin=30s",
					"btp.token.cache.max-size=5", "btp.token.retry.max-attempts=5", "btp.token.read-timeout=2s")
			.run((context) -> {
				TokenProperties properties = context.getBean(TokenProperties.class);
				assertThat(properties.getRefreshAhead()).isEqualTo(0.5);
				assertThat(properties.getExpiryMargin()).hasSeconds(30);
				assertThat(properties.getCache().getMaxSize()).isEqualTo(5);
				assertThat(properties.getRetry().getMaxAttempts()).isEqualTo(5);
				assertThat(properties.getReadTimeout()).hasSeconds(2);
				refresher[0] = context.getBean(TokenRefresher.class);
				assertThat(refresher[0].isShutdown()).isFalse();
			});
		assertThat(refresher[0].isShutdown()).isTrue();
	}

}
