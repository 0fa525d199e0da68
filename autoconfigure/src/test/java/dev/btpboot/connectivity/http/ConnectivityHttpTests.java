package dev.btpboot.connectivity.http;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.btpboot.binding.BindingsAutoConfiguration;
import dev.btpboot.connectivity.ConnectivityAutoConfiguration;
import dev.btpboot.security.BtpUser;
import dev.btpboot.testing.ConnectivityBinding;
import dev.btpboot.testing.FakeConnectivityTokens;
import dev.btpboot.token.TokenProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.http.client.autoconfigure.HttpClientAutoConfiguration;
import org.springframework.boot.http.client.autoconfigure.imperative.ImperativeHttpClientAutoConfiguration;
import org.springframework.boot.http.client.autoconfigure.reactive.ReactiveHttpClientAutoConfiguration;
import org.springframework.boot.http.converter.autoconfigure.HttpMessageConvertersAutoConfiguration;
import org.springframework.boot.restclient.RestTemplateBuilder;
import org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration;
import org.springframework.boot.restclient.autoconfigure.RestTemplateAutoConfiguration;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.client.RestClient;
import org.springframework.web.reactive.function.client.WebClient;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * RestClient, RestTemplate and WebClient against WireMock as the connectivity proxy's HTTP port:
 * requests to {@code *.virtual} arrive there in absolute form with the headers of each mode and
 * propagation setting; other hosts are reached directly, untouched.
 */
class ConnectivityHttpTests {

	private static final String URL = "http://erp.virtual:44300/sap/opu/odata/items";

	/** Connectivity and Spring Boot's HTTP clients, as an application has them. */
	static final AutoConfigurations AUTO_CONFIGURATIONS = AutoConfigurations.of(BindingsAutoConfiguration.class,
			ConnectivityAutoConfiguration.class, ConnectivityHttpAutoConfiguration.class,
			HttpClientAutoConfiguration.class, ImperativeHttpClientAutoConfiguration.class,
			ReactiveHttpClientAutoConfiguration.class, HttpMessageConvertersAutoConfiguration.class,
			RestClientAutoConfiguration.class, RestTemplateAutoConfiguration.class, WebClientAutoConfiguration.class);

	private static final String CALLER_AUTHORIZATION = "Basic Y2FsbGVyOnNlY3JldA==";

	private static final String USER_JWT = FakeConnectivityTokens.jwt("{\"user_name\":\"alice\"}");

	private static final BtpUser TENANT_USER = new BtpUser("alice", "tenant-a-id", "tenant-a", null, null, null,
			USER_JWT);

	private static final BtpUser SINGLE_TENANT_USER = new BtpUser("alice", null, null, null, null, null, USER_JWT);

	private static final WireMockServer proxy = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));

	private static final WireMockServer direct = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));

	private final FakeConnectivityTokens tokens = new FakeConnectivityTokens();

	private ApplicationContextRunner runner;

	@BeforeAll
	static void start() {
		proxy.start();
		direct.start();
		proxy.stubFor(get(urlPathEqualTo("/sap/opu/odata/items")).withHost(equalTo("erp.virtual"))
			.withPort(44300)
			.willReturn(ok("on-premise items")));
		direct.stubFor(get(urlPathEqualTo("/public")).willReturn(ok("public")));
	}

	@AfterAll
	static void stop() {
		proxy.stop();
		direct.stop();
	}

	@BeforeEach
	void setUp() {
		proxy.resetRequests();
		direct.resetRequests();
		this.runner = new ApplicationContextRunner()
			.withConfiguration(AUTO_CONFIGURATIONS)
			.withBean("connectivityTokenProvider", TokenProvider.class, () -> this.tokens)
			.withPropertyValues("VCAP_SERVICES=" + ConnectivityBinding.vcapServices("127.0.0.1", proxy.port(), 1),
					"btp.connectivity.http.hosts=*.virtual", "btp.connectivity.location-id=eu-west");
	}

	@AfterEach
	void clearUser() {
		SecurityContextHolder.clearContext();
	}

	/** The three clients, each calling a URL with the caller's own Authorization header. */
	enum Client {

		REST_CLIENT((context) -> (url) -> context.getBean(RestClient.Builder.class)
			.build()
			.get()
			.uri(url)
			.header(HttpHeaders.AUTHORIZATION, CALLER_AUTHORIZATION)
			.retrieve()
			.body(String.class)),

		REST_TEMPLATE((context) -> (url) -> {
			HttpHeaders headers = new HttpHeaders();
			headers.set(HttpHeaders.AUTHORIZATION, CALLER_AUTHORIZATION);
			return context.getBean(RestTemplateBuilder.class)
				.build()
				.exchange(url, HttpMethod.GET, new HttpEntity<>(headers), String.class)
				.getBody();
		}),

		WEB_CLIENT((context) -> (url) -> context.getBean(WebClient.Builder.class)
			.build()
			.get()
			.uri(url)
			.header(HttpHeaders.AUTHORIZATION, CALLER_AUTHORIZATION)
			.retrieve()
			.bodyToMono(String.class)
			.block());

		private final Function<AssertableApplicationContext, Function<String, String>> call;

		Client(Function<AssertableApplicationContext, Function<String, String>> call) {
			this.call = call;
		}

		String get(AssertableApplicationContext context, String url) {
			return this.call.apply(context).apply(url);
		}

	}

	@ParameterizedTest
	@EnumSource(Client.class)
	void routesVirtualHostsThroughTheProxyWithTheUsersHeaders(Client client) {
		signIn(TENANT_USER);
		this.runner.run((context) -> {
			assertThat(client.get(context, URL)).isEqualTo("on-premise items");
			LoggedRequest request = proxy.findAll(anyRequestedFor(anyUrl())).get(0);
			assertThat(request.getAbsoluteUrl()).isEqualTo(URL);
			assertThat(proxyHeaders(request)).containsExactlyInAnyOrderEntriesOf(Map.of(HttpHeaders.PROXY_AUTHORIZATION,
					"Bearer " + FakeConnectivityTokens.tenantIdToken("tenant-a-id"), ConnectivityHttpRouting.USER,
					"Bearer " + USER_JWT, ConnectivityHttpRouting.LOCATION_ID, "eu-west"));
		});
	}

	@Test
	void anIasUserWithAnExchangedXsuaaTokenPropagatesTheXsuaaToken() {
		String xsuaaJwt = FakeConnectivityTokens.jwt("{\"user_name\":\"alice\",\"zid\":\"tenant-a-id\"}");
		signIn(TENANT_USER.withExchangedToken(xsuaaJwt));
		this.runner.run((context) -> {
			assertThat(Client.REST_CLIENT.get(context, URL)).isEqualTo("on-premise items");
			LoggedRequest request = proxy.findAll(anyRequestedFor(anyUrl())).get(0);
			assertThat(request.getHeader(ConnectivityHttpRouting.USER)).isEqualTo("Bearer " + xsuaaJwt);
		});
	}

	@ParameterizedTest
	@EnumSource(Client.class)
	void leavesOtherHostsAlone(Client client) {
		signIn(TENANT_USER);
		this.runner.run((context) -> {
			assertThat(client.get(context, "http://127.0.0.1:" + direct.port() + "/public")).isEqualTo("public");
			assertThat(proxy.findAll(anyRequestedFor(anyUrl()))).isEmpty();
			LoggedRequest request = direct.findAll(anyRequestedFor(anyUrl())).get(0);
			assertThat(proxyHeaders(request)).containsExactly(Map.entry(HttpHeaders.AUTHORIZATION, CALLER_AUTHORIZATION));
		});
		assertThat(this.tokens.calls()).isZero();
	}

	/** A mode and propagation setting, who is signed in, and the headers the proxy must see. */
	record Scenario(String name, BtpUser user, List<String> properties, Map<String, String> expected) {

		@Override
		public String toString() {
			return this.name;
		}

	}

	static List<Scenario> scenarios() {
		String tenantToken = "Bearer " + FakeConnectivityTokens.tenantIdToken("tenant-a-id");
		String ownToken = "Bearer " + FakeConnectivityTokens.ownTenantToken();
		String exchanged = "Bearer " + FakeConnectivityTokens.exchangedToken(USER_JWT);
		String user = "Bearer " + USER_JWT;
		List<String> trusted = List.of("btp.connectivity.mode=kubernetes-trusted", "btp.connectivity.proxy.host=127.0.0.1");
		List<String> untrusted = List.of("btp.connectivity.mode=kubernetes-untrusted");
		return List.of(
				new Scenario("cloud-foundry, forward", TENANT_USER, List.of(),
						headers(HttpHeaders.PROXY_AUTHORIZATION, tenantToken, ConnectivityHttpRouting.USER, user)),
				new Scenario("cloud-foundry, exchange", TENANT_USER,
						List.of("btp.connectivity.principal-propagation=exchange"),
						headers(HttpHeaders.PROXY_AUTHORIZATION, exchanged)),
				new Scenario("cloud-foundry, none", TENANT_USER, List.of("btp.connectivity.principal-propagation=none"),
						headers(HttpHeaders.PROXY_AUTHORIZATION, tenantToken, HttpHeaders.AUTHORIZATION,
								CALLER_AUTHORIZATION)),
				new Scenario("cloud-foundry, no user", null, List.of(),
						headers(HttpHeaders.PROXY_AUTHORIZATION, ownToken, HttpHeaders.AUTHORIZATION,
								CALLER_AUTHORIZATION)),
				new Scenario("cloud-foundry, technical user", null,
						List.of("btp.connectivity.principal-propagation=none",
								"btp.connectivity.technical-user-propagation=true"),
						headers(HttpHeaders.PROXY_AUTHORIZATION, ownToken, ConnectivityHttpRouting.TECHNICAL_USER,
								ownToken)),
				new Scenario("kubernetes-trusted single-tenant, forward", SINGLE_TENANT_USER, trusted,
						headers(ConnectivityHttpRouting.USER, user)),
				new Scenario("kubernetes-trusted multi-tenant, forward", TENANT_USER, trusted,
						headers(ConnectivityHttpRouting.SERVICE_TOKEN, FakeConnectivityTokens.tenantIdToken("tenant-a-id"),
								ConnectivityHttpRouting.USER, user)),
				new Scenario("kubernetes-trusted multi-tenant, exchange", TENANT_USER,
						concat(trusted, "btp.connectivity.principal-propagation=exchange"),
						headers(ConnectivityHttpRouting.SERVICE_TOKEN, FakeConnectivityTokens.tenantIdToken("tenant-a-id"),
								ConnectivityHttpRouting.USER, exchanged)),
				new Scenario("kubernetes-trusted, none", TENANT_USER,
						concat(trusted, "btp.connectivity.principal-propagation=none"),
						headers(ConnectivityHttpRouting.SERVICE_TOKEN, FakeConnectivityTokens.tenantIdToken("tenant-a-id"),
								HttpHeaders.AUTHORIZATION, CALLER_AUTHORIZATION)),
				new Scenario("kubernetes-untrusted, forward", TENANT_USER, untrusted,
						headers(HttpHeaders.PROXY_AUTHORIZATION, tenantToken, ConnectivityHttpRouting.USER, user)),
				new Scenario("kubernetes-untrusted, exchange", TENANT_USER,
						concat(untrusted, "btp.connectivity.principal-propagation=exchange"),
						headers(HttpHeaders.PROXY_AUTHORIZATION, exchanged)));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("scenarios")
	void sendsTheHeadersOfEachModeAndPropagationSetting(Scenario scenario) {
		if (scenario.user() != null) {
			signIn(scenario.user());
		}
		this.runner.withPropertyValues(scenario.properties().toArray(String[]::new)).run((context) -> {
			assertThat(Client.REST_CLIENT.get(context, URL)).isEqualTo("on-premise items");
			Map<String, String> expected = new LinkedHashMap<>(scenario.expected());
			expected.put(ConnectivityHttpRouting.LOCATION_ID, "eu-west");
			assertThat(proxyHeaders(proxy.findAll(anyRequestedFor(anyUrl())).get(0)))
				.containsExactlyInAnyOrderEntriesOf(expected);
		});
	}

	@Test
	void webClientTakesTheUserFromTheReactorContext() {
		this.runner.run((context) -> assertThat(context.getBean(WebClient.Builder.class)
			.build()
			.get()
			.uri(URL)
			.retrieve()
			.bodyToMono(String.class)
			.contextWrite(ReactiveSecurityContextHolder
				.withAuthentication(new TestingAuthenticationToken(TENANT_USER, null)))
			.block()).isEqualTo("on-premise items"));
		LoggedRequest request = proxy.findAll(anyRequestedFor(anyUrl())).get(0);
		assertThat(request.getHeader(HttpHeaders.PROXY_AUTHORIZATION))
			.isEqualTo("Bearer " + FakeConnectivityTokens.tenantIdToken("tenant-a-id"));
		assertThat(request.getHeader(ConnectivityHttpRouting.USER)).isEqualTo("Bearer " + USER_JWT);
	}

	@Test
	void streamsRequestBodiesThroughTheProxy() {
		proxy.stubFor(post(urlPathEqualTo("/sap/opu/odata/items")).withHost(equalTo("erp.virtual"))
			.willReturn(ok("created")));
		this.runner.run((context) -> assertThat(context.getBean(RestClient.Builder.class)
			.build()
			.post()
			.uri(URL)
			.body("{\"item\":\"a\"}")
			.retrieve()
			.body(String.class)).isEqualTo("created"));
		assertThat(proxy.findAll(anyRequestedFor(anyUrl())).get(0).getBodyAsString()).isEqualTo("{\"item\":\"a\"}");
	}

	@Test
	void asksForOneTokenPerRequest() {
		this.runner.run((context) -> {
			RestClient client = context.getBean(RestClient.Builder.class).build();
			for (int i = 0; i < 3; i++) {
				client.get().uri(URL).retrieve().toBodilessEntity();
			}
		});
		assertThat(proxy.findAll(anyRequestedFor(anyUrl()))).hasSize(3);
		assertThat(this.tokens.calls()).isEqualTo(3);
	}

	@Test
	@ExtendWith(OutputCaptureExtension.class)
	void neverLogsATokenEvenAtDebug(CapturedOutput output) {
		LoggingSystem logging = LoggingSystem.get(getClass().getClassLoader());
		List<String> loggers = List.of("dev.btpboot", "org.springframework.web", "org.springframework.http");
		loggers.forEach((logger) -> logging.setLogLevel(logger, LogLevel.DEBUG));
		try {
			signIn(TENANT_USER);
			this.runner.withPropertyValues("btp.connectivity.technical-user-propagation=true").run((context) -> {
				for (Client client : Client.values()) {
					assertThat(client.get(context, URL)).isEqualTo("on-premise items");
				}
			});
		}
		finally {
			loggers.forEach((logger) -> logging.setLogLevel(logger, null));
		}
		assertThat(output).doesNotContain(FakeConnectivityTokens.tenantIdToken("tenant-a-id"))
			.doesNotContain(USER_JWT)
			.doesNotContain("connectivity-client-secret");
	}

	private static void signIn(BtpUser user) {
		SecurityContextHolder.getContext().setAuthentication(new TestingAuthenticationToken(user, null));
	}

	/** The headers that matter here, by name, as the receiving server saw them. */
	private static Map<String, String> proxyHeaders(LoggedRequest request) {
		Map<String, String> headers = new LinkedHashMap<>();
		for (String name : List.of(HttpHeaders.PROXY_AUTHORIZATION, HttpHeaders.AUTHORIZATION,
				ConnectivityHttpRouting.USER, ConnectivityHttpRouting.TECHNICAL_USER, ConnectivityHttpRouting.SERVICE_TOKEN,
				ConnectivityHttpRouting.LOCATION_ID)) {
			if (request.containsHeader(name)) {
				headers.put(name, request.getHeader(name));
			}
		}
		return headers;
	}

	private static Map<String, String> headers(String... namesAndValues) {
		Map<String, String> headers = new LinkedHashMap<>();
		for (int i = 0; i < namesAndValues.length; i += 2) {
			headers.put(namesAndValues[i], namesAndValues[i + 1]);
		}
		return headers;
	}

	private static List<String> concat(List<String> list, String extra) {
		return java.util.stream.Stream.concat(list.stream(), java.util.stream.Stream.of(extra)).toList();
	}

}
