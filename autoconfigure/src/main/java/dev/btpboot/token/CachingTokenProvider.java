package dev.btpboot.token;

import java.time.Clock;
import java.time.Instant;

import dev.btpboot.binding.OAuthClientCredentials;

/**
 * The part of every provider that is the same whatever the token service: keys, the cache, and
 * argument checks. Subclasses make one token request per call of their {@code request*} methods.
 */
abstract class CachingTokenProvider implements TokenProvider {

	private final TokenCache cache;

	private final OAuthClientCredentials credentials;

	private final Clock clock;

	private final TokenKey ownTenant;

	CachingTokenProvider(OAuthClientCredentials credentials, TokenCache cache, Clock clock) {
		this.credentials = credentials;
		this.cache = cache;
		this.clock = clock;
		this.ownTenant = TokenKey.clientCredentials(credentials.service(), null, null);
	}

	@Override
	public AccessToken clientCredentials() {
		return this.cache.get(this.ownTenant, () -> requestClientCredentials(null));
	}

	@Override
	public AccessToken clientCredentials(String tenantSubdomain) {
		requireText(tenantSubdomain, "tenantSubdomain");
		// Before the cache: a subdomain that cannot be addressed must not leave an entry behind.
		TenantUrls.requireSubdomain(tenantSubdomain);
		if (TenantUrls.isOwnTenant(this.credentials, tenantSubdomain)) {
			// The binding's own tenant: its URL as it is, and one cache entry however it is asked for.
			return clientCredentials();
		}
		return this.cache.get(TokenKey.clientCredentials(this.credentials.service(), tenantSubdomain, null),
				() -> requestClientCredentials(tenantSubdomain));
	}

	@Override
	public AccessToken jwtBearer(String userJwt) {
		requireText(userJwt, "userJwt");
		return this.cache.get(TokenKey.jwtBearer(this.credentials.service(), userJwt, null),
				() -> requestJwtBearer(userJwt));
	}

	/**
	 * @param tenantSubdomain a subscriber's subdomain, or {@code null} for the binding's own tenant
	 * @return a new token
	 */
	abstract AccessToken requestClientCredentials(String tenantSubdomain);

	/**
	 * @param userJwt the user's token
	 * @return a new token
	 */
	abstract AccessToken requestJwtBearer(String userJwt);

	TokenCache cache() {
		return this.cache;
	}

	OAuthClientCredentials credentials() {
		return this.credentials;
	}

	/** @return a token expiring {@code expiresIn} seconds from now on the cache's clock */
	AccessToken token(String value, long expiresIn) {
		return new AccessToken(value, Instant.now(this.clock).plusSeconds(expiresIn));
	}

	static void requireText(String value, String name) {
		if (value == null || value.isBlank()) {
			throw new IllegalArgumentException(name + " must not be empty");
		}
	}

	@Override
	public String toString() {
		return getClass().getSimpleName() + "[service=" + this.credentials.service() + ", binding="
				+ this.credentials.bindingName() + ", authentication=" + this.credentials.authentication().type()
				+ "]";
	}

}
