package dev.btpboot.testing;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicInteger;

import dev.btpboot.token.AccessToken;
import dev.btpboot.token.TokenProvider;

/**
 * A {@link TokenProvider} for tests of code that consumes tokens (register it as
 * {@code connectivityTokenProvider}): it returns known JWT-shaped strings per tenant and per user
 * assertion, and counts the calls. The real provider (HTTP, cache) is tested against WireMock.
 */
public final class FakeConnectivityTokens implements TokenProvider {

	private final AtomicInteger calls = new AtomicInteger();

	/** @return the token {@link #clientCredentials()} returns */
	public static String ownTenantToken() {
		return jwt("{\"grant\":\"client_credentials\",\"zdn\":\"provider\"}");
	}

	/**
	 * @param subdomain a tenant subdomain
	 * @return the token {@link #clientCredentials(String)} returns for it
	 */
	public static String tenantToken(String subdomain) {
		return jwt("{\"grant\":\"client_credentials\",\"zdn\":\"" + subdomain + "\"}");
	}

	/**
	 * @param tenantId a tenant id
	 * @return the token {@link #clientCredentialsForTenant(String)} returns for it
	 */
	public static String tenantIdToken(String tenantId) {
		return jwt("{\"grant\":\"client_credentials\",\"zid\":\"" + tenantId + "\"}");
	}

	/**
	 * @param userJwt a user's token
	 * @return the token {@link #jwtBearer(String)} returns for it
	 */
	public static String exchangedToken(String userJwt) {
		return jwt("{\"grant\":\"jwt-bearer\",\"assertion\":" + userJwt.hashCode() + "}");
	}

	/**
	 * @param payload a JSON payload
	 * @return an unsigned JWT-shaped string with that payload
	 */
	public static String jwt(String payload) {
		Base64.Encoder encoder = Base64.getUrlEncoder().withoutPadding();
		return encoder.encodeToString("{\"alg\":\"none\"}".getBytes(StandardCharsets.UTF_8)) + "."
				+ encoder.encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + ".c2lnbmF0dXJl";
	}

	/** @return how many tokens were asked for */
	public int calls() {
		return this.calls.get();
	}

	@Override
	public AccessToken clientCredentials() {
		return issue(ownTenantToken());
	}

	@Override
	public AccessToken clientCredentials(String tenantSubdomain) {
		return issue(tenantToken(tenantSubdomain));
	}

	@Override
	public AccessToken clientCredentialsForTenant(String tenantId) {
		return issue(tenantIdToken(tenantId));
	}

	@Override
	public AccessToken jwtBearer(String userJwt) {
		return issue(exchangedToken(userJwt));
	}

	private AccessToken issue(String value) {
		this.calls.incrementAndGet();
		return new AccessToken(value, Instant.now().plusSeconds(3600));
	}

}
