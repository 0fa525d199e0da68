package dev.btpboot.security.exchange;

import org.junit.jupiter.api.Test;

import dev.btpboot.security.BtpUser;
import dev.btpboot.security.jwt.JwtFixture;

import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import static dev.btpboot.security.HttpClients.bearer;
import static dev.btpboot.security.HttpClients.get;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * btp.security.token-exchange=provide-xsuaa with xsuaa and identity bound, both served by
 * WireMock, through a real server of each stack (the subclasses): an IAS user keeps its groups and
 * carries the exchanged XSUAA token, which is the token propagated to other services.
 */
abstract class AbstractTokenExchangeProvideXsuaaHttpTests {

	TokenExchangeFixture fixture = fixture();

	@LocalServerPort
	int port;

	/** @return the XSUAA and IAS of the subclass */
	abstract TokenExchangeFixture fixture();

	@Test
	void anIasUserKeepsItsGroupsAndCarriesTheExchangedXsuaaTokenForPropagation() {
		String iasToken = fixture.iasUserToken();
		String xsuaaToken = fixture.exchangesTo(iasToken, "Viewer");
		assertThat(get(this.port, "/me", "Authorization", bearer(iasToken)).body())
			.isEqualTo("bob@example.com|tenant-2|[ias-group]");
		assertThat(get(this.port, "/viewer", "Authorization", bearer(iasToken)).statusCode()).isEqualTo(403);
		assertThat(get(this.port, "/me/tokens", "Authorization", bearer(iasToken)).body())
			.isEqualTo("token=" + iasToken + " exchanged=" + xsuaaToken + " propagated=" + xsuaaToken);
		fixture.verifyOneExchange(iasToken);
	}

	@Test
	void aRefusedExchangeIsUnauthorized() {
		String iasToken = fixture.iasUserToken();
		fixture.refusesToExchange(iasToken);
		assertThat(get(this.port, "/me", "Authorization", bearer(iasToken)).statusCode()).isEqualTo(401);
	}

	@Test
	void xsuaaUsersAreNotExchangedAndPropagateTheirOwnToken() {
		int before = fixture.exchangeRequests();
		String xsuaaToken = JwtFixture.sign(fixture.jwt.xsuaaKey, fixture.jwt.xsuaaClaims().build());
		assertThat(get(this.port, "/me/tokens", "Authorization", bearer(xsuaaToken)).body())
			.isEqualTo("token=" + xsuaaToken + " exchanged=null propagated=" + xsuaaToken);
		assertThat(fixture.exchangeRequests()).isEqualTo(before);
	}

	@RestController
	static class ExchangedTokenController {

		@GetMapping("/me/tokens")
		String tokens(@AuthenticationPrincipal BtpUser user) {
			return "token=" + user.token() + " exchanged=" + user.exchangedToken() + " propagated="
					+ user.propagationToken();
		}

	}

}
