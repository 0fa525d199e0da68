package dev.btpboot.token;

/**
 * Tokens of an SAP Cloud Identity Services (IAS) binding, bean {@code identityTokenProvider}.
 * Besides the {@link TokenProvider} grants it asks for tokens for another application
 * (App2App): the request carries
 * {@code resource=urn:sap:identity:application:provider:name:<providerName>}, and the token's
 * audience is that provider application. IAS tokens are for the binding's own tenant;
 * {@link #clientCredentials(String)} is not supported.
 */
public interface IdentityTokenProvider extends TokenProvider {

	/** The prefix of IAS resource URNs; the provider application's name follows. */
	String RESOURCE_PREFIX = "urn:sap:identity:application:provider:name:";

	/**
	 * @param providerName the name of the provider application's dependency, as configured in IAS
	 * @return a client-credentials token for calling that application
	 */
	AccessToken clientCredentialsForProvider(String providerName);

	/**
	 * @param userJwt the user's IAS token
	 * @param providerName the name of the provider application's dependency, as configured in IAS
	 * @return a token for the same user, for calling that application
	 */
	AccessToken jwtBearerForProvider(String userJwt, String providerName);

}
