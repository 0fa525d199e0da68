package dev.btpboot.token;

/**
 * OAuth access tokens of one bound service: cached, fetched once per key however many threads
 * ask, renewed ahead of expiry in the background, and served from the cache while the token
 * endpoint fails as long as they are valid. The auto-configuration defines one per bound service:
 * {@code xsuaaTokenProvider}, {@code identityTokenProvider} (an {@link IdentityTokenProvider}),
 * {@code connectivityTokenProvider} and {@code destinationTokenProvider}.
 * <p>
 * Every method throws {@link TokenRequestException} when no valid token is cached and the token
 * endpoint does not issue one, and {@link IllegalArgumentException} for an empty argument.
 */
public interface TokenProvider {

	/** @return a client-credentials token for the binding's own tenant */
	AccessToken clientCredentials();

	/**
	 * @param tenantSubdomain the subdomain of a subscriber tenant; XSUAA-issued clients address
	 * it by swapping the first label of the token endpoint's host. The binding's own tenant (its
	 * {@code identityzone}) gets the token of {@link #clientCredentials()}, from the binding's URL
	 * as it is.
	 * @return a client-credentials token for that tenant
	 * @throws TokenRequestException also when the tenant cannot be addressed (the token endpoint's
	 * host has no subdomain to swap)
	 */
	AccessToken clientCredentials(String tenantSubdomain);

	/**
	 * @param userJwt the user's token (an assertion)
	 * @return a token for the same user, issued to this binding's client (jwt-bearer grant)
	 */
	AccessToken jwtBearer(String userJwt);

}
