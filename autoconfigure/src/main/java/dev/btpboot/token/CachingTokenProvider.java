package dev.btpboot.token;

import java.time.Clock;
import java.time.Instant;
import java.util.function.Function;
import java.util.function.Supplier;

import dev.btpboot.binding.OAuthClientCredentials;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * The part of every provider that is the same whatever the token service: keys, the cache, and
 * argument checks. Subclasses make one token request per call of their {@code request*} methods.
 * <p>
 * Credentials come from a supplier that answers with the binding's current version (see
 * {@code ServiceBindings#current}). When it answers with new credentials, the provider builds a
 * new cache and request parts for them: the old cache's tokens are dropped, and requests already
 * in flight finish with the version they started with.
 *
 * @param <P> what a subclass needs to make requests with one version of the credentials
 */
abstract class CachingTokenProvider<P> implements TokenProvider {

	private static final Log logger = LogFactory.getLog(CachingTokenProvider.class);

	private final Supplier<? extends OAuthClientCredentials> credentials;

	private final TokenProviderFactory factory;

	private final Function<OAuthClientCredentials, P> parts;

	private final Clock clock;

	private volatile Version<P> version;

	CachingTokenProvider(Supplier<? extends OAuthClientCredentials> credentials, TokenProviderFactory factory,
			Function<OAuthClientCredentials, P> parts) {
		this.credentials = credentials;
		this.factory = factory;
		this.parts = parts;
		this.clock = factory.clock();
		OAuthClientCredentials initial = credentials.get();
		this.version = new Version<>(initial, factory.cache(initial), parts.apply(initial));
	}

	@Override
	public AccessToken clientCredentials() {
		Version<P> version = version();
		return version.cache().get(version.ownTenant(), () -> requestClientCredentials(version, null));
	}

	@Override
	public AccessToken clientCredentials(String tenantSubdomain) {
		requireText(tenantSubdomain, "tenantSubdomain");
		// Before the cache: a subdomain that cannot be addressed must not leave an entry behind.
		TenantUrls.requireSubdomain(tenantSubdomain);
		Version<P> version = version();
		if (TenantUrls.isOwnTenant(version.credentials(), tenantSubdomain)) {
			// The binding's own tenant: its URL as it is, and one cache entry however it is asked for.
			return clientCredentials();
		}
		return version.cache()
			.get(TokenKey.clientCredentials(version.credentials().service(), tenantSubdomain, null),
					() -> requestClientCredentials(version, tenantSubdomain));
	}

	@Override
	public AccessToken jwtBearer(String userJwt) {
		requireText(userJwt, "userJwt");
		Version<P> version = version();
		return version.cache()
			.get(TokenKey.jwtBearer(version.credentials().service(), userJwt, null),
					() -> requestJwtBearer(version, userJwt));
	}

	/**
	 * @param version the credentials to use and what was built for them
	 * @param tenantSubdomain a subscriber's subdomain, or {@code null} for the binding's own tenant
	 * @return a new token
	 */
	abstract AccessToken requestClientCredentials(Version<P> version, String tenantSubdomain);

	/**
	 * @param version the credentials to use and what was built for them
	 * @param userJwt the user's token
	 * @return a new token
	 */
	abstract AccessToken requestJwtBearer(Version<P> version, String userJwt);

	/** @return the version of the current credentials, built on the first call after a rotation */
	final Version<P> version() {
		OAuthClientCredentials current = this.credentials.get();
		Version<P> version = this.version;
		if (version.credentials() == current) {
			return version;
		}
		synchronized (this) {
			version = this.version;
			if (version.credentials() != current) {
				this.factory.retire(version.credentials(), version.cache());
				version = new Version<>(current, this.factory.cache(current), this.parts.apply(current));
				this.version = version;
				logger.info("Credentials of " + current.service() + " binding '" + current.bindingName()
						+ "' changed; cached tokens of the previous version are dropped");
			}
			return version;
		}
	}

	OAuthClientCredentials credentials() {
		return version().credentials();
	}

	TokenCache cache() {
		return version().cache();
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
		OAuthClientCredentials credentials = credentials();
		return getClass().getSimpleName() + "[service=" + credentials.service() + ", binding="
				+ credentials.bindingName() + ", authentication=" + credentials.authentication().type() + "]";
	}

	/**
	 * One version of a binding's credentials with its own cache.
	 *
	 * @param <P> request parts
	 * @param credentials the credentials
	 * @param cache the tokens obtained with them
	 * @param parts what requests with them need
	 * @param ownTenant the cache key of the binding's own client-credentials token
	 */
	record Version<P>(OAuthClientCredentials credentials, TokenCache cache, P parts, TokenKey ownTenant) {

		Version(OAuthClientCredentials credentials, TokenCache cache, P parts) {
			this(credentials, cache, parts, TokenKey.clientCredentials(credentials.service(), null, null));
		}

	}

}
