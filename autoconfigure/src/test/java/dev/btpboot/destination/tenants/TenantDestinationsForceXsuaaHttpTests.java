package dev.btpboot.destination.tenants;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static dev.btpboot.destination.tenants.TenantDestinationsFixture.DESTINATION_CLIENT;
import static dev.btpboot.destination.tenants.TenantDestinationsFixture.TENANT_A;
import static dev.btpboot.destination.tenants.TenantDestinationsFixture.TENANT_B;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code btp.security.token-exchange=force-xsuaa}: an IAS user is authenticated by the XSUAA token
 * exchanged for it in its own zone ({@code x-zid} = its {@code app_tid}), whose zone is its tenant, so
 * its destinations are those of its tenant, through clients made once.
 */
// The connectivity binding starts a socket factory that JNDI finds statically: closed with the context.
@DirtiesContext
@SpringBootTest(classes = TenantDestinationsApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "btp.security.token-exchange=force-xsuaa")
class TenantDestinationsForceXsuaaHttpTests extends TenantDestinationsHttpTestSupport {

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
	void iasUsersOfTwoTenantsReachEachTheirOwnSystem() {
		String alice = fixture.iasUser(TENANT_A);
		String bob = fixture.iasUser(TENANT_B);
		fixture.exchangesIasUser(alice, TENANT_A);
		fixture.exchangesIasUser(bob, TENANT_B);
		for (String client : CLIENTS) {
			reachesTenantA(alice, client);
			reachesTenantB(bob, client);
		}
		assertThat(fixture.tokenRequests(DESTINATION_CLIENT, TENANT_A)).isEqualTo(1);
		assertThat(fixture.tokenRequests(DESTINATION_CLIENT, TENANT_B)).isEqualTo(1);
	}

	@Test
	void xsuaaUsersOfTwoTenantsReachEachTheirOwnSystem() {
		for (String client : CLIENTS) {
			reachesTenantB(fixture.xsuaaUser(TENANT_B, "tenant-b"), client);
			reachesTenantA(fixture.xsuaaUser(TENANT_A, "tenant-a"), client);
		}
	}

}
