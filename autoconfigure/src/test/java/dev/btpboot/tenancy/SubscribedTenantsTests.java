package dev.btpboot.tenancy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.btpboot.binding.SaasRegistryCredentials;
import dev.btpboot.binding.ServiceBinding;
import dev.btpboot.testing.FakeConnectivityTokens;
import dev.btpboot.testing.MutableClock;
import dev.btpboot.token.TokenProperties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.exactly;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The subscribed tenants as the SaaS registry's subscriptions API lists them, against WireMock with
 * answers shaped as the API documents them: every page, only subscribed states, reused for the
 * TTL, read by one caller at a time, read again after a change.
 */
class SubscribedTenantsTests {

	private static final String PATH = SaasRegistryClient.SUBSCRIPTIONS_PATH;

	@RegisterExtension
	static final WireMockExtension registry = WireMockExtension.newInstance()
		.options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"))
		.build();

	private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T08:00:00Z"));

	private final FakeConnectivityTokens tokens = new FakeConnectivityTokens();

	private final RegistrySubscribedTenants tenants = new RegistrySubscribedTenants(client(), Duration.ofMinutes(1),
			this.clock);

	private SaasRegistryClient client() {
		SaasRegistryCredentials credentials = SaasRegistryCredentials.from(new ServiceBinding("registry",
				"saas-registry", "application", List.of(),
				Map.of("clientid", "sb-reg", "clientsecret", "registry-secret", "url", "https://provider.example.com",
						"saas_registry_url", "http://127.0.0.1:" + registry.getPort(), "appName", "saas-app"),
				"test"));
		return new SaasRegistryClient(() -> credentials, this.tokens, new TokenProperties());
	}

	private static String subscription(String tenantId, String subdomain, String state) {
		return """
				{"url": "https://%2$s.saas-app.example.com", "appName": "saas-app", "commercialAppName": "saas-app",
				 "consumerTenantId": "%1$s", "subdomain": "%2$s", "subaccountId": "sub-%1$s",
				 "globalAccountId": "4c28a87c-ca19-45be-b884-ec6a6b3a1226", "code": "default", "amount": 1,
				 "state": "%3$s", "createdOn": "2026-01-14T09:00:00Z", "changedOn": "2026-01-14T09:01:00Z",
				 "licenseType": "DEVELOPER", "dependencies": [{"xsappname": "destination-xsappname!b404",
				 "appName": "destination", "dependencies": []}]}""".formatted(tenantId, subdomain, state);
	}

	private static void page(int page, boolean morePages, String... subscriptions) {
		registry.stubFor(get(urlPathEqualTo(PATH)).withQueryParam("page", equalTo(String.valueOf(page)))
			.withQueryParam("size", equalTo("200"))
			.withQueryParam("appName", equalTo("saas-app"))
			.withHeader("Authorization", equalTo("Bearer " + FakeConnectivityTokens.ownTenantToken()))
			.willReturn(okJson("{\"subscriptions\": [" + String.join(",", subscriptions) + "], \"morePages\": "
					+ morePages + ", \"total\": 4, \"totalPages\": 2}")));
	}

	@Test
	void everyPageIsReadAndOnlySubscribedTenantsCount() {
		page(1, true, subscription("tenant-a-id", "tenant-a", "SUBSCRIBED"),
				subscription("tenant-b-id", "tenant-b", "IN_PROCESS"));
		page(2, false, subscription("tenant-c-id", "tenant-c", "UPDATE_FAILED"),
				subscription("tenant-d-id", "tenant-d", "SUBSCRIBE_FAILED"));
		assertThat(this.tenants.subscriptions()).containsExactly(
				new Subscription("tenant-a-id", "tenant-a", "sub-tenant-a-id", "4c28a87c-ca19-45be-b884-ec6a6b3a1226"),
				new Subscription("tenant-c-id", "tenant-c", "sub-tenant-c-id", "4c28a87c-ca19-45be-b884-ec6a6b3a1226"));
	}

	@Test
	void theListIsReusedForItsTtlAndReadAgainAfterAChange() {
		page(1, false, subscription("tenant-a-id", "tenant-a", "SUBSCRIBED"));
		this.tenants.subscriptions();
		this.clock.advance(Duration.ofSeconds(59));
		this.tenants.subscriptions();
		registry.verify(exactly(1), getRequestedFor(urlPathEqualTo(PATH)));
		this.clock.advance(Duration.ofSeconds(1));
		this.tenants.subscriptions();
		registry.verify(exactly(2), getRequestedFor(urlPathEqualTo(PATH)));
		page(1, false, subscription("tenant-a-id", "tenant-a", "SUBSCRIBED"),
				subscription("tenant-b-id", "tenant-b", "SUBSCRIBED"));
		this.tenants.changed();
		assertThat(this.tenants.subscriptions()).extracting(Subscription::tenantId)
			.containsExactly("tenant-a-id", "tenant-b-id");
	}

	@Test
	void callersAtOnceShareOneRead() throws Exception {
		registry.stubFor(get(urlPathEqualTo(PATH))
			.willReturn(okJson("{\"subscriptions\": [" + subscription("tenant-a-id", "tenant-a", "SUBSCRIBED")
					+ "], \"morePages\": false}").withFixedDelay(300)));
		ExecutorService callers = Executors.newFixedThreadPool(8);
		try {
			CountDownLatch start = new CountDownLatch(1);
			List<Future<List<Subscription>>> answers = new ArrayList<>();
			for (int i = 0; i < 8; i++) {
				answers.add(callers.submit(() -> {
					start.await();
					return this.tenants.subscriptions();
				}));
			}
			start.countDown();
			for (Future<List<Subscription>> answer : answers) {
				assertThat(answer.get()).extracting(Subscription::tenantId).containsExactly("tenant-a-id");
			}
		}
		finally {
			callers.shutdownNow();
		}
		registry.verify(exactly(1), getRequestedFor(urlPathEqualTo(PATH)));
	}

	@Test
	void aRegistryThatRefusesNamesTheStepAndStatus() {
		registry.stubFor(get(urlPathEqualTo(PATH)).willReturn(aResponse().withStatus(403)
			.withBody("{\"error\":\"insufficient_scope\"}")));
		assertThatExceptionOfType(SaasRegistryClient.SaasRegistryException.class)
			.isThrownBy(this.tenants::subscriptions)
			.withMessage("SaaS registry: reading page 1 of the subscriptions failed: the SaaS registry answered with "
					+ "an error [HTTP 403]");
		registry.verify(exactly(1), getRequestedFor(urlPathEqualTo(PATH)));
	}

}
