package dev.btpboot.token;

/**
 * OAuth access tokens of one bound service: cached, fetched once per key however many threads
 * ask, renewed ahead of expiry in the background.
 */
public interface TokenProvider {

	/** @return a client-credentials token for the binding's own tenant */
	AccessToken clientCredentials();

	/**
	 * @param tenantSubdomain the subdomain of a subscriber tenant
	 * @return a client-credentials token for that tenant
	 */
	AccessToken clientCredentials(String tenantSubdomain);

	/**
	 * @param userJwt the user's token (an assertion)
	 * @return a token for the same user, issued to this binding's client (jwt-bearer grant)
	 */
	AccessToken jwtBearer(String userJwt);

}
