package dev.btpboot.token;

/**
 * OAuth access tokens of one bound service: cached, fetched once per key however many threads
 * ask, renewed ahead of expiry in the background, and served from the cache while the token
 * endpoint fails as long as they are valid. The auto-configuration defines one per bound service:
 * {@code xsuaaTokenProvider}, {@code identityTokenProvider} (an {@link IdentityTokenProvider}),
 * {@code connectivityTokenProvider}, {@code destinationTokenProvider} and
 * {@code saasRegistryTokenProvider}.
 * <p>
 * Every method throws {@link TokenRequestException} when no valid token is cached and the token
 * endpoint does not issue one, and {@link IllegalArgumentException} for an empty argument.
 */
public interface TokenProvider {

	/** @return a client-credentials token for the binding's own tenant */
	AccessToken clientCredentials();

	/**
	 * A tenant addressed by its subdomain: XSUAA-issued clients swap the first label of the token
	 * endpoint's host, which only works where that host has one. Prefer
	 * {@link #clientCredentialsForTenant(String)}, which needs no subdomain.
	 * @param tenantSubdomain the subdomain of a subscriber tenant. The binding's own tenant (its
	 * {@code identityzone}) gets the token of {@link #clientCredentials()}, from the binding's URL
	 * as it is.
	 * @return a client-credentials token for that tenant
	 * @throws TokenRequestException also when the tenant cannot be addressed (the token endpoint's
	 * host has no subdomain to swap)
	 */
	AccessToken clientCredentials(String tenantSubdomain);

	/**
	 * A client-credentials token for a tenant addressed by its id, as SAP's Cloud SDK does by
	 * default: XSUAA-issued clients ask at the binding's token URL as it is, with the header
	 * {@code x-zid: <tenantId>}, so no subdomain is needed and a custom or local token host works
	 * alike. The binding's own tenant ({@link dev.btpboot.binding.OAuthClientCredentials#tenantId()}
	 * or {@link dev.btpboot.binding.OAuthClientCredentials#identityZone()}) gets the token of
	 * {@link #clientCredentials()}, one cache entry however it is asked for.
	 * @param tenantId the tenant's id: its zone id (XSUAA {@code zid}, IAS {@code app_tid}, the
	 * subaccount's tenant id); letters, digits, {@code .}, {@code _} and {@code -}
	 * @return a client-credentials token for that tenant
	 * @throws IllegalArgumentException when the id is empty or has other characters
	 */
	AccessToken clientCredentialsForTenant(String tenantId);

	/**
	 * A token for the same user, in the user's tenant: XSUAA-issued clients name the tenant of the
	 * user's token ({@code zid}, an IAS token's {@code app_tid}) in {@code x-zid}, as SAP's
	 * libraries do; IAS asks the host that issued the user's token.
	 * @param userJwt the user's token (an assertion)
	 * @return a token for the same user, issued to this binding's client (jwt-bearer grant)
	 */
	AccessToken jwtBearer(String userJwt);

	/**
	 * Forgets the cached tokens of a tenant (its client-credentials tokens and those exchanged for
	 * its users), as when it unsubscribed. A provider without a cache of this starter's has nothing
	 * to forget.
	 * @param tenantId the tenant's id
	 */
	default void evictTenant(String tenantId) {
	}

}
