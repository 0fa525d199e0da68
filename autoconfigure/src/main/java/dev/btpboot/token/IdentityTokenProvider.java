package dev.btpboot.token;

/**
 * Tokens of an SAP Cloud Identity Services (IAS) binding, bean {@code identityTokenProvider}.
 * Besides the {@link TokenProvider} grants it asks for tokens for another application
 * (App2App): the request carries
 * {@code resource=urn:sap:identity:application:provider:name:<providerName>}, and the token's
 * audience is that provider application. A subscriber's tokens come from the subscriber's own IAS
 * host ({@link #clientCredentialsForTenant(String, String)}); {@link #clientCredentials(String)}
 * (by subdomain) is not supported, and {@link #clientCredentialsForTenant(String)} serves only the
 * binding's own tenant.
 */
public interface IdentityTokenProvider extends TokenProvider {

	/** The prefix of IAS resource URNs; the provider application's name follows. */
	String RESOURCE_PREFIX = "urn:sap:identity:application:provider:name:";

	/**
	 * A client-credentials token for a subscriber tenant, from that tenant's IAS host with
	 * {@code app_tid}, as SAP's libraries ask. The host must be one the binding trusts: its
	 * {@code url}, or a subdomain of one of its {@code domains}.
	 * @param tenantId the tenant's id ({@code app_tid}); the binding's own gets
	 * {@link #clientCredentials()}
	 * @param iasHost the tenant's IAS host, such as {@code subscriber.accounts.ondemand.com} (a
	 * user's is the host of its token's issuer; a subscription's is known to the application)
	 * @return a client-credentials token for that tenant
	 * @throws IllegalArgumentException when the binding does not trust the host or the id is not one
	 */
	AccessToken clientCredentialsForTenant(String tenantId, String iasHost);

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
