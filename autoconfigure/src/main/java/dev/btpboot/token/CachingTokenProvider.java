package dev.btpboot.token;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.function.Supplier;

import dev.btpboot.binding.OAuthClientCredentials;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * The part of every provider that is the same whatever the token service: keys, the cache, the
 * request through {@link TokenEndpointClient} and argument checks. Subclasses say where each
 * grant goes and make one token request per call of their {@code request*} methods.
 * <p>
 * Credentials come from a supplier that answers with the binding's current version (see
 * {@code ServiceBindings#current}). When it answers with new credentials, the provider builds a
 * new cache and HTTP client for them: the old cache's tokens are dropped, and requests already
 * in flight finish with the version they started with.
 */
abstract class CachingTokenProvider implements TokenProvider {

	private static final Log logger = LogFactory.getLog(CachingTokenProvider.class);

	private final Supplier<? extends OAuthClientCredentials> credentials;

	private final TokenProviderFactory factory;

	private final Clock clock;

	private volatile Version version;

	CachingTokenProvider(Supplier<? extends OAuthClientCredentials> credentials, TokenProviderFactory factory) {
		this.credentials = credentials;
		this.factory = factory;
		this.clock = factory.clock();
		this.version = version(credentials.get());
	}

	@Override
	public AccessToken clientCredentials() {
		Version version = version();
		return version.cache().get(version.ownTenant(), () -> requestClientCredentials(version, null));
	}

	@Override
	public AccessToken clientCredentials(String tenantSubdomain) {
		requireText(tenantSubdomain, "tenantSubdomain");
		// Before the cache: a subdomain that cannot be addressed must not leave an entry behind.
		TenantUrls.requireSubdomain(tenantSubdomain);
		Version version = version();
		if (TenantUrls.isOwnTenant(version.credentials(), tenantSubdomain)) {
			// The binding's own tenant: its URL as it is, and one cache entry however it is asked for.
			return clientCredentials();
		}
		return version.cache()
			.get(TokenKey.clientCredentials(version.credentials().service(), tenantSubdomain, null),
					() -> requestClientCredentials(version, tenantSubdomain));
	}

	@Override
	public AccessToken clientCredentialsForTenant(String tenantId) {
		requireText(tenantId, "tenantId");
		TenantUrls.requireTenantId(tenantId);
		Version version = version();
		if (TenantUrls.isOwnTenantId(version.credentials(), tenantId)) {
			return clientCredentials();
		}
		return version.cache()
			.get(TokenKey.forTenant(version.credentials().service(), tenantId, null),
					() -> requestClientCredentialsForTenant(version, tenantId));
	}

	@Override
	public void evictTenant(String tenantId) {
		requireText(tenantId, "tenantId");
		int evicted = version().cache().evictTenant(tenantId);
		if (evicted > 0 && logger.isDebugEnabled()) {
			logger.debug("Forgot " + evicted + " token(s) of tenant '" + tenantId + "' for " + this);
		}
	}

	@Override
	public AccessToken jwtBearer(String userJwt) {
		requireText(userJwt, "userJwt");
		Version version = version();
		return version.cache()
			.get(TokenKey.jwtBearer(version.credentials().service(), userJwt, null),
					() -> requestJwtBearer(version, userJwt));
	}

	/**
	 * @param version the credentials to use and what was built for them
	 * @param tenantSubdomain a subscriber's subdomain, or {@code null} for the binding's own tenant
	 * @return a new token
	 */
	abstract AccessToken requestClientCredentials(Version version, String tenantSubdomain);

	/**
	 * @param version the credentials to use and what was built for them
	 * @param tenantId the id of a tenant other than the binding's own
	 * @return a new token
	 */
	abstract AccessToken requestClientCredentialsForTenant(Version version, String tenantId);

	/**
	 * @param version the credentials to use and what was built for them
	 * @param userJwt the user's token
	 * @return a new token
	 */
	abstract AccessToken requestJwtBearer(Version version, String userJwt);

	/**
	 * @param version the credentials to use and their HTTP client
	 * @param endpoint the token endpoint, tenant in place
	 * @param grant the grant
	 * @param assertion the user's token for jwt-bearer, else {@code null}
	 * @param resource the IAS {@code resource}, or {@code null}
	 * @return the token the endpoint issued, expiring on the cache's clock
	 */
	final AccessToken request(Version version, URI endpoint, TokenGrant grant, String assertion, String resource) {
		return request(version, endpoint, grant, assertion, resource, TokenEndpointClient.TenantAddress.OWN);
	}

	/**
	 * @param tenant how the request names a tenant other than the binding's own
	 * @see #request(Version, URI, TokenGrant, String, String)
	 */
	final AccessToken request(Version version, URI endpoint, TokenGrant grant, String assertion, String resource,
			TokenEndpointClient.TenantAddress tenant) {
		TokenEndpointClient.TokenResponse response = version.client()
			.request(endpoint, grant, assertion, resource, tenant);
		return new AccessToken(response.accessToken(), Instant.now(this.clock).plusSeconds(response.expiresIn()));
	}

	/** @return the version of the current credentials, built on the first call after a rotation */
	final Version version() {
		OAuthClientCredentials current = this.credentials.get();
		Version version = this.version;
		if (version.credentials() == current) {
			return version;
		}
		synchronized (this) {
			version = this.version;
			if (version.credentials() != current) {
				this.factory.retire(version.credentials(), version.cache());
				version = version(current);
				this.version = version;
				logger.info("Credentials of " + current.service() + " binding '" + current.bindingName()
						+ "' changed; cached tokens of the previous version are dropped");
			}
			return version;
		}
	}

	private Version version(OAuthClientCredentials credentials) {
		return new Version(credentials, this.factory.cache(credentials), this.factory.client(credentials));
	}

	OAuthClientCredentials credentials() {
		return version().credentials();
	}

	TokenCache cache() {
		return version().cache();
	}

	static void requireText(String value, String name) {
		if (value == null || value.isBlank()) {
			throw new IllegalArgumentException(name + " must not be empty");
		}
	}

	@Override
	public String toString() {
		OAuthClientCredentials credentials = credentials();
		return getClass().getSimpleName() + "[service=" + credentials.service() + ", binding="
				+ credentials.bindingName() + ", authentication=" + credentials.authentication().type() + "]";
	}

	/**
	 * One version of a binding's credentials with its own cache and HTTP client.
	 *
	 * @param credentials the credentials
	 * @param cache the tokens obtained with them
	 * @param client posts their token requests
	 * @param ownTenant the cache key of the binding's own client-credentials token
	 */
	record Version(OAuthClientCredentials credentials, TokenCache cache, TokenEndpointClient client,
			TokenKey ownTenant) {

		Version(OAuthClientCredentials credentials, TokenCache cache, TokenEndpointClient client) {
			this(credentials, cache, client, TokenKey.clientCredentials(credentials.service(), null, null));
		}

	}

}
