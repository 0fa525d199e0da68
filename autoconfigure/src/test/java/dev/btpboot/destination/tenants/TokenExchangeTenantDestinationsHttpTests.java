package dev.btpboot.destination.tenants;

import org.junit.jupiter.api.Test;

import static dev.btpboot.destination.tenants.TenantDestinationsFixture.DESTINATION_CLIENT;
import static dev.btpboot.destination.tenants.TenantDestinationsFixture.TENANT_A;
import static dev.btpboot.destination.tenants.TenantDestinationsFixture.TENANT_B;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * With a token exchange ({@code provide-xsuaa} or {@code force-xsuaa}, set by the subclass): IAS
 * users of two tenants, whose XSUAA tokens are exchanged in their own zones, and XSUAA users reach
 * each their own tenant's system through clients made once. Each subclass runs its own application
 * with its own peers.
 */
abstract class TokenExchangeTenantDestinationsHttpTests extends TenantDestinationsHttpTestSupport {

	@Test
	void iasUsersOfTwoTenantsReachEachTheirOwnSystem() {
		String alice = fixture().iasUser(TENANT_A);
		String bob = fixture().iasUser(TENANT_B);
		fixture().exchangesIasUser(alice, TENANT_A);
		fixture().exchangesIasUser(bob, TENANT_B);
		for (String client : CLIENTS) {
			reachesTenantA(alice, client);
			reachesTenantB(bob, client);
		}
		assertThat(fixture().tokenRequests(DESTINATION_CLIENT, TENANT_A)).isEqualTo(1);
		assertThat(fixture().tokenRequests(DESTINATION_CLIENT, TENANT_B)).isEqualTo(1);
	}

	@Test
	void xsuaaUsersOfTwoTenantsReachEachTheirOwnSystem() {
		for (String client : CLIENTS) {
			reachesTenantB(fixture().xsuaaUser(TENANT_B, "tenant-b"), client);
			reachesTenantA(fixture().xsuaaUser(TENANT_A, "tenant-a"), client);
		}
	}

}
