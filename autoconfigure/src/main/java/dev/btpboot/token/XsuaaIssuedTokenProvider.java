package dev.btpboot.token;

import java.net.URI;
import java.security.cert.Certificate;
import java.util.Map;
import java.util.function.Supplier;

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
final class XsuaaIssuedTokenProvider extends CachingTokenProvider<XsuaaIssuedTokenProvider.Requests> {

	private XsuaaIssuedTokenProvider(Supplier<? extends OAuthClientCredentials> credentials,
			TokenProviderFactory factory) {
		super(credentials, factory, (c) -> new Requests(
				new JdkOAuth2TokenService(factory.client(c), TokenCacheConfiguration.cacheDisabled()),
				clientIdentity(c)));
	}

	/**
	 * @param factory shared parts
	 * @param credentials an XSUAA-issued client
	 * @return its provider, over token-client with token-client's cache off
	 */
	static XsuaaIssuedTokenProvider create(TokenProviderFactory factory, OAuthClientCredentials credentials) {
		return create(factory, () -> credentials);
	}

	/**
	 * @param factory shared parts
	 * @param credentials the current version of an XSUAA-issued client's credentials
	 * @return its provider, over token-client with token-client's cache off
	 */
	static XsuaaIssuedTokenProvider create(TokenProviderFactory factory,
			Supplier<? extends OAuthClientCredentials> credentials) {
		return new XsuaaIssuedTokenProvider(credentials, factory);
	}

	/**
	 * @param factory shared parts
	 * @param credentials an XSUAA-issued client
	 * @return token-client's flows for it, with token-client's own cache, over our HTTP client
	 */
	static XsuaaTokenFlows tokenFlows(TokenProviderFactory factory, OAuthClientCredentials credentials) {
		return tokenFlows(factory, () -> credentials);
	}

	/**
	 * @param factory shared parts
	 * @param credentials the current version of an XSUAA-issued client's credentials
	 * @return token-client's flows for it, with token-client's own cache, over our HTTP client; a
	 * rotation brings a new HTTP client, client identity and token-client cache
	 */
	static XsuaaTokenFlows tokenFlows(TokenProviderFactory factory,
			Supplier<? extends OAuthClientCredentials> credentials) {
		OAuthClientCredentials initial = credentials.get();
		return new XsuaaTokenFlows(new CurrentCredentialsTokenService(factory, credentials),
				new XsuaaDefaultEndpoints(initial.tokenServiceUrl().toString(), null), clientIdentity(initial));
	}

	static ClientIdentity clientIdentity(OAuthClientCredentials credentials) {
		if (credentials.authentication() instanceof X509Identity x509) {
			return new ClientCertificate(x509.certificateChain().toArray(new Certificate[0]), x509.privateKey(),
					credentials.clientId());
		}
		return new ClientCredentials(credentials.clientId(), ((ClientSecret) credentials.authentication()).value());
	}

	@Override
	AccessToken requestClientCredentials(Version<Requests> version, String tenantSubdomain) {
		OAuthClientCredentials credentials = version.credentials();
		URI endpoint = TenantUrls.tokenEndpoint(credentials, tenantSubdomain, TokenKey.CLIENT_CREDENTIALS);
		try {
			return token(version.parts().tokenService().retrieveAccessTokenViaClientCredentialsGrant(endpoint,
					version.parts().identity(), null, null, null, true));
		}
		catch (OAuth2ServiceException ex) {
			throw failure(ex, credentials, endpoint, "client_credentials");
		}
	}

	@Override
	AccessToken requestJwtBearer(Version<Requests> version, String userJwt) {
		OAuthClientCredentials credentials = version.credentials();
		URI endpoint = TenantUrls.tokenEndpoint(credentials, userSubdomain(userJwt), TokenKey.JWT_BEARER);
		try {
			return token(version.parts().tokenService().retrieveAccessTokenViaJwtBearerTokenGrant(endpoint,
					version.parts().identity(), userJwt, null, null, true));
		}
		catch (OAuth2ServiceException ex) {
			throw failure(ex, credentials, endpoint, "jwt_bearer");
		}
	}

	private AccessToken token(OAuth2TokenResponse response) {
		// Our token service always answers with a Response, which keeps expires_in for our clock.
		return token(response.getAccessToken(), ((JdkOAuth2TokenService.Response) response).expiresIn());
	}

	private static TokenRequestException failure(OAuth2ServiceException ex, OAuthClientCredentials credentials,
			URI endpoint, String grant) {
		if (ex instanceof JdkOAuth2TokenService.Failure failure) {
			return failure.exception();
		}
		return new TokenRequestException(new TokenRequestException.Target(credentials.service(),
				credentials.bindingName(), endpoint, grant), 0, null, null,
				"token-client refused the request: " + ex.getClass().getSimpleName(), false, null, null);
	}

	/**
	 * Token-client's service and client identity for one version of the credentials.
	 *
	 * @param tokenService sends the requests
	 * @param identity the client as token-client describes it
	 */
	record Requests(OAuth2TokenService tokenService, ClientIdentity identity) {
	}

	/**
	 * token-client's service for {@link XsuaaTokenFlows}, which hold one client identity for good:
	 * each call goes out with the current version of the credentials instead.
	 */
	private static final class CurrentCredentialsTokenService implements OAuth2TokenService {

		private final TokenProviderFactory factory;

		private final Supplier<? extends OAuthClientCredentials> credentials;

		private volatile Current current;

		CurrentCredentialsTokenService(TokenProviderFactory factory,
				Supplier<? extends OAuthClientCredentials> credentials) {
			this.factory = factory;
			this.credentials = credentials;
		}

		private Requests requests() {
			OAuthClientCredentials credentials = this.credentials.get();
			Current current = this.current;
			if (current == null || current.credentials() != credentials) {
				current = new Current(credentials, new Requests(new JdkOAuth2TokenService(
						this.factory.client(credentials), TokenCacheConfiguration.defaultConfiguration()),
						clientIdentity(credentials)));
				this.current = current;
			}
			return current.requests();
		}

		@Override
		public OAuth2TokenResponse retrieveAccessTokenViaClientCredentialsGrant(URI endpoint, ClientIdentity identity,
				String zoneId, String subdomain, Map<String, String> parameters, boolean disableCache)
				throws OAuth2ServiceException {
			Requests requests = requests();
			return requests.tokenService()
				.retrieveAccessTokenViaClientCredentialsGrant(endpoint, requests.identity(), zoneId, subdomain,
						parameters, disableCache);
		}

		@Override
		public OAuth2TokenResponse retrieveAccessTokenViaRefreshToken(URI endpoint, ClientIdentity identity,
				String refreshToken, String subdomain, boolean disableCache) throws OAuth2ServiceException {
			Requests requests = requests();
			return requests.tokenService()
				.retrieveAccessTokenViaRefreshToken(endpoint, requests.identity(), refreshToken, subdomain,
						disableCache);
		}

		@Override
		public OAuth2TokenResponse retrieveAccessTokenViaPasswordGrant(URI endpoint, ClientIdentity identity,
				String username, String password, String subdomain, Map<String, String> parameters,
				boolean disableCache) throws OAuth2ServiceException {
			Requests requests = requests();
			return requests.tokenService()
				.retrieveAccessTokenViaPasswordGrant(endpoint, requests.identity(), username, password, subdomain,
						parameters, disableCache);
		}

		@Override
		public OAuth2TokenResponse retrieveAccessTokenViaJwtBearerTokenGrant(URI endpoint, ClientIdentity identity,
				String token, String subdomain, Map<String, String> parameters, boolean disableCache)
				throws OAuth2ServiceException {
			Requests requests = requests();
			return requests.tokenService()
				.retrieveAccessTokenViaJwtBearerTokenGrant(endpoint, requests.identity(), token, subdomain,
						parameters, disableCache);
		}

		@Override
		public OAuth2TokenResponse retrieveAccessTokenViaJwtBearerTokenGrant(URI endpoint, ClientIdentity identity,
				String token, Map<String, String> parameters, boolean disableCache, String zoneId)
				throws OAuth2ServiceException {
			Requests requests = requests();
			return requests.tokenService()
				.retrieveAccessTokenViaJwtBearerTokenGrant(endpoint, requests.identity(), token, parameters,
						disableCache, zoneId);
		}

		private record Current(OAuthClientCredentials credentials, Requests requests) {
		}

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
