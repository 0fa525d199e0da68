package dev.btpboot.destination.tenants;

import org.junit.jupiter.api.AfterAll;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * {@code btp.security.token-exchange=provide-xsuaa}: an IAS user carries the XSUAA token
 * exchanged for it in its own zone ({@code x-zid} = its {@code app_tid}) and keeps its tenant, so
 * its destinations are those of its tenant, through clients made once.
 */
// The connectivity binding starts a socket factory that JNDI finds statically: closed with the context.
@DirtiesContext
@SpringBootTest(classes = TenantDestinationsApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "btp.security.token-exchange=provide-xsuaa")
class TenantDestinationsProvideXsuaaHttpTests extends TokenExchangeTenantDestinationsHttpTests {

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

}
