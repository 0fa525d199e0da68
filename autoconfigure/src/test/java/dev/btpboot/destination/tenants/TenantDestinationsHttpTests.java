package dev.btpboot.destination.tenants;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static dev.btpboot.destination.tenants.TenantDestinationsFixture.CONNECTIVITY_CLIENT;
import static dev.btpboot.destination.tenants.TenantDestinationsFixture.DESTINATION_CLIENT;
import static dev.btpboot.destination.tenants.TenantDestinationsFixture.PROVIDER_ZONE;
import static dev.btpboot.destination.tenants.TenantDestinationsFixture.TENANT_A;
import static dev.btpboot.destination.tenants.TenantDestinationsFixture.TENANT_B;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Destination clients never mix tenants (issue 20 §1), through embedded Tomcat with XSUAA and IAS
 * users: one client made at start-up takes URL, headers, credentials and route of the destination
 * of each request's tenant together; an IAS user (no subdomain) reaches its tenant's system, not
 * the provider's; a user of the bindings' own zone is served at a token host without a subdomain
 * label. Tokens of the destination and connectivity bindings are asked for with {@code x-zid}.
 */
// The connectivity binding starts a socket factory that JNDI finds statically: closed with the context.
@DirtiesContext
@SpringBootTest(classes = TenantDestinationsApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class TenantDestinationsHttpTests extends TenantDestinationsHttpTestSupport {

	static final TenantDestinationsFixture fixture = new TenantDestinationsFixture();

	@DynamicPropertySource
	static void bindings(DynamicPropertyRegistry registry) {
		fixture.register(registry);
	}

	@AfterAll
	static void stop() {
		fixture.stop();
	}

	@Override
	TenantDestinationsFixture fixture() {
		return fixture;
	}

	@Test
	void usersOfTwoTenantsInTurnReachEachTheirOwnSystemThroughClientsMadeOnce() {
		String alice = fixture.xsuaaUser(TENANT_A, "tenant-a");
		String bob = fixture.xsuaaUser(TENANT_B, "tenant-b");
		for (String client : CLIENTS) {
			reachesTenantA(alice, client);
			reachesTenantB(bob, client);
			reachesTenantA(alice, client);
			reachesTenantB(bob, client);
		}
	}

	@Test
	void anIasUserReachesTheSystemOfItsTenantNotTheProviders() {
		for (String client : CLIENTS) {
			reachesTenantB(fixture.iasUser(TENANT_B), client);
			reachesTenantA(fixture.iasUser(TENANT_A), client);
		}
	}

	@Test
	void aUserOfTheBindingsOwnZoneReachesTheProviderSystemAtATokenHostWithoutSubdomainLabel() {
		String carol = fixture.xsuaaUser(PROVIDER_ZONE, "provider");
		for (String client : CLIENTS) {
			reachesTheProvider(carol, client);
		}
		assertThat(fixture.tokenRequests(DESTINATION_CLIENT, PROVIDER_ZONE)).isZero();
	}

	@Test
	void theBindingsTokensOfATenantAreAskedForOnceWithItsZoneIdAtTheBindingUrl() {
		reachesTenantB(fixture.xsuaaUser(TENANT_B, "tenant-b"), "/backend/rest");
		reachesTenantB(fixture.iasUser(TENANT_B), "/backend/web");
		assertThat(fixture.tokenRequests(DESTINATION_CLIENT, TENANT_B)).isEqualTo(1);
		assertThat(fixture.tokenRequests(CONNECTIVITY_CLIENT, TENANT_B)).isEqualTo(1);
	}

}
