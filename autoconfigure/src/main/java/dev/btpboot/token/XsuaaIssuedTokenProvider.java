package dev.btpboot.token;

import java.net.URI;
import java.security.cert.Certificate;
import java.time.Clock;

import com.sap.cloud.security.config.ClientCertificate;
import com.sap.cloud.security.config.ClientCredentials;
import com.sap.cloud.security.config.ClientIdentity;
import com.sap.cloud.security.xsuaa.client.OAuth2ServiceException;
import com.sap.cloud.security.xsuaa.client.OAuth2TokenResponse;
import com.sap.cloud.security.xsuaa.client.OAuth2TokenService;
import com.sap.cloud.security.xsuaa.client.XsuaaDefaultEndpoints;
import com.sap.cloud.security.xsuaa.tokenflows.TokenCacheConfiguration;
import com.sap.cloud.security.xsuaa.tokenflows.XsuaaTokenFlows;
import dev.btpboot.binding.ClientSecret;
import dev.btpboot.binding.OAuthClientCredentials;
import dev.btpboot.binding.X509Identity;
import tools.jackson.databind.JsonNode;

/**
 * Tokens of an XSUAA-issued client (xsuaa, connectivity, destination) through SAP token-client's
 * token service with its own cache switched off: our cache does single flight and renewal.
 * Subscriber tenants are addressed by swapping the subdomain of the token endpoint
 * ({@link TenantUrls}), the binding's own tenant at its URL unchanged; a jwt-bearer request goes
 * to the tenant named by the user token's {@code ext_attr.zdn}.
 */
final class XsuaaIssuedTokenProvider extends CachingTokenProvider {

	private final OAuth2TokenService tokenService;

	private final ClientIdentity identity;

	XsuaaIssuedTokenProvider(OAuthClientCredentials credentials, TokenCache cache, Clock clock,
			OAuth2TokenService tokenService) {
		super(credentials, cache, clock);
		this.tokenService = tokenService;
		this.identity = clientIdentity(credentials);
	}

	/**
	 * @param factory shared parts
	 * @param credentials an XSUAA-issued client
	 * @return its provider, over token-client with token-client's cache off
	 */
	static XsuaaIssuedTokenProvider create(TokenProviderFactory factory, OAuthClientCredentials credentials) {
		return new XsuaaIssuedTokenProvider(credentials, factory.cache(credentials), factory.clock(),
				new JdkOAuth2TokenService(factory.client(credentials), TokenCacheConfiguration.cacheDisabled()));
	}

	/**
	 * @param factory shared parts
	 * @param credentials an XSUAA-issued client
	 * @return token-client's flows for it, with token-client's own cache, over our HTTP client
	 */
	static XsuaaTokenFlows tokenFlows(TokenProviderFactory factory, OAuthClientCredentials credentials) {
		return new XsuaaTokenFlows(
				new JdkOAuth2TokenService(factory.client(credentials), TokenCacheConfiguration.defaultConfiguration()),
				new XsuaaDefaultEndpoints(credentials.tokenServiceUrl().toString(), null), clientIdentity(credentials));
	}

	static ClientIdentity clientIdentity(OAuthClientCredentials credentials) {
		if (credentials.authentication() instanceof X509Identity x509) {
			return new ClientCertificate(x509.certificateChain().toArray(new Certificate[0]), x509.privateKey(),
					credentials.clientId());
		}
		return new ClientCredentials(credentials.clientId(), ((ClientSecret) credentials.authentication()).value());
	}

	@Override
	AccessToken requestClientCredentials(String tenantSubdomain) {
		URI endpoint = TenantUrls.tokenEndpoint(credentials(), tenantSubdomain, TokenKey.CLIENT_CREDENTIALS);
		try {
			return token(this.tokenService.retrieveAccessTokenViaClientCredentialsGrant(endpoint, this.identity, null,
					null, null, true));
		}
		catch (OAuth2ServiceException ex) {
			throw failure(ex, endpoint, "client_credentials");
		}
	}

	@Override
	AccessToken requestJwtBearer(String userJwt) {
		URI endpoint = TenantUrls.tokenEndpoint(credentials(), userSubdomain(userJwt), TokenKey.JWT_BEARER);
		try {
			return token(this.tokenService.retrieveAccessTokenViaJwtBearerTokenGrant(endpoint, this.identity, userJwt,
					null, null, true));
		}
		catch (OAuth2ServiceException ex) {
			throw failure(ex, endpoint, "jwt_bearer");
		}
	}

	private AccessToken token(OAuth2TokenResponse response) {
		// Our token service always answers with a Response, which keeps expires_in for our clock.
		return token(response.getAccessToken(), ((JdkOAuth2TokenService.Response) response).expiresIn());
	}

	private TokenRequestException failure(OAuth2ServiceException ex, URI endpoint, String grant) {
		if (ex instanceof JdkOAuth2TokenService.Failure failure) {
			return failure.exception();
		}
		return new TokenRequestException(new TokenRequestException.Target(credentials().service(),
				credentials().bindingName(), endpoint, grant), 0, null, null,
				"token-client refused the request: " + ex.getClass().getSimpleName(), false, null, null);
	}

	/**
	 * Reads {@code ext_attr.zdn} (the tenant subdomain) from an XSUAA user token without
	 * validating it: it only routes the request, and XSUAA validates the assertion. A value that is
	 * not a DNS label is ignored, so text from an unverified token never reaches a URL or message.
	 * @return the subdomain, or {@code null} when the token does not name a valid one
	 */
	static String userSubdomain(String userJwt) {
		JsonNode claims = UnverifiedClaims.of(userJwt);
		String subdomain = (claims != null) ? claims.path("ext_attr").path("zdn").asString(null) : null;
		return (subdomain != null && TenantUrls.isSubdomain(subdomain)) ? subdomain : null;
	}

}
