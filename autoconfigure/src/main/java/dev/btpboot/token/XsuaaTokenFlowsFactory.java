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

/**
 * SAP token-client's {@link XsuaaTokenFlows} for users who want that API: token-client's flows,
 * request building and cache, over our {@link TokenEndpointClient}. The only place that uses
 * token-client; our providers do not.
 */
final class XsuaaTokenFlowsFactory {

	private XsuaaTokenFlowsFactory() {
	}

	/**
	 * @param factory shared parts
	 * @param credentials an XSUAA-issued client
	 * @return token-client's flows for it, with token-client's own cache, over our HTTP client
	 */
	static XsuaaTokenFlows create(TokenProviderFactory factory, OAuthClientCredentials credentials) {
		return create(factory, () -> credentials);
	}

	/**
	 * @param factory shared parts
	 * @param credentials the current version of an XSUAA-issued client's credentials
	 * @return token-client's flows for it, with token-client's own cache, over our HTTP client; a
	 * rotation brings a new HTTP client, client identity and token-client cache. Nothing of
	 * token-client's token service (its Caffeine cache) is built before the first request.
	 */
	static XsuaaTokenFlows create(TokenProviderFactory factory, Supplier<? extends OAuthClientCredentials> credentials) {
		OAuthClientCredentials initial = credentials.get();
		return new XsuaaTokenFlows(new CurrentCredentialsTokenService(factory, credentials),
				new XsuaaDefaultEndpoints(initial.tokenServiceUrl().toString(), null), clientIdentity(initial));
	}

	private static ClientIdentity clientIdentity(OAuthClientCredentials credentials) {
		if (credentials.authentication() instanceof X509Identity x509) {
			return new ClientCertificate(x509.certificateChain().toArray(new Certificate[0]), x509.privateKey(),
					credentials.clientId());
		}
		return new ClientCredentials(credentials.clientId(), ((ClientSecret) credentials.authentication()).value());
	}

	/**
	 * Token-client's service and client identity for one version of the credentials.
	 *
	 * @param tokenService sends the requests
	 * @param identity the client as token-client describes it
	 */
	private record Requests(OAuth2TokenService tokenService, ClientIdentity identity) {
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

}
