package dev.btpboot.security.jwt.reactive;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.atomic.AtomicReference;

import dev.btpboot.security.BtpSecurityProperties;
import dev.btpboot.security.BtpUser;
import dev.btpboot.security.certificate.ForwardedClientCertificates;
import dev.btpboot.security.certificate.reactive.ExchangeClientCertificates;
import dev.btpboot.security.jwt.JwtFixture;
import dev.btpboot.security.reactive.ReactivePeerAddressResolver;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.mock.env.MockEnvironment;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;

import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/** The reactive resolver against a WireMock XSUAA: where the verification of a token runs. */
class ReactiveBtpJwtAuthenticationManagerResolverTests {

	static final JwtFixture fixture = new JwtFixture().start();

	@AfterAll
	static void stop() {
		fixture.server.stop();
	}

	@Test
	void aReactiveRequestVerifiesANewTokenOnBoundedElasticAndARememberedOneWhereItArrives() {
		MockEnvironment environment = new MockEnvironment();
		ReactiveBtpJwtAuthenticationManagerResolver resolver = new ReactiveBtpJwtAuthenticationManagerResolver(
				fixture.authenticator(Clock.systemUTC()),
				new ExchangeClientCertificates(ForwardedClientCertificates
					.of(new BtpSecurityProperties.ForwardedClientCertificate(), environment),
						ReactivePeerAddressResolver.of(environment)));
		MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/"));
		String token = JwtFixture.sign(fixture.xsuaaKey, fixture.xsuaaClaims()
			.claim("user_name", "alice")
			.issueTime(Date.from(Instant.now()))
			.expirationTime(Date.from(Instant.now().plusSeconds(600)))
			.build());
		assertThat(authenticatingThread(resolver, exchange, token)).startsWith("boundedElastic");
		assertThat(authenticatingThread(resolver, exchange, token)).isEqualTo(Thread.currentThread().getName());
		assertThat(fixture.server.countRequestsMatching(getRequestedFor(urlPathEqualTo("/token_keys")).build())
			.getCount()).isEqualTo(1);
	}

	private static String authenticatingThread(ReactiveBtpJwtAuthenticationManagerResolver resolver,
			MockServerWebExchange exchange, String token) {
		AtomicReference<String> thread = new AtomicReference<>();
		Authentication authentication = resolver.resolve(exchange)
			.flatMap((manager) -> manager.authenticate(new BearerTokenAuthenticationToken(token)))
			.doOnNext((authenticated) -> thread.set(Thread.currentThread().getName()))
			.block(Duration.ofSeconds(30));
		assertThat(BtpUser.of(authentication)).map(BtpUser::name).hasValue("alice");
		return thread.get();
	}

}
