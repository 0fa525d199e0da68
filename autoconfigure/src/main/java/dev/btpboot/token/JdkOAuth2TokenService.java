package dev.btpboot.token;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

import com.sap.cloud.security.xsuaa.client.AbstractOAuth2TokenService;
import com.sap.cloud.security.xsuaa.client.OAuth2ServiceException;
import com.sap.cloud.security.xsuaa.client.OAuth2TokenResponse;
import com.sap.cloud.security.xsuaa.http.HttpHeader;
import com.sap.cloud.security.xsuaa.http.HttpHeaders;
import com.sap.cloud.security.xsuaa.tokenflows.TokenCacheConfiguration;

/**
 * SAP token-client's token service running over our {@link TokenEndpointClient} (JDK HTTP client,
 * mTLS, timeouts, retries) instead of Apache HttpClient or a {@code RestTemplate}. token-client
 * builds the requests (grant, client identity, subdomain, zone); we send them. Not token-client's
 * {@code XsuaaOAuth2TokenService} over a {@code RestTemplate}: in 3.6.6 that class logs the form
 * parameters, {@code client_secret} and {@code assertion} included, unmasked at DEBUG.
 */
final class JdkOAuth2TokenService extends AbstractOAuth2TokenService {

	private final transient TokenEndpointClient client;

	JdkOAuth2TokenService(TokenEndpointClient client, TokenCacheConfiguration cacheConfiguration) {
		super(cacheConfiguration);
		this.client = client;
	}

	@Override
	protected OAuth2TokenResponse requestAccessToken(URI tokenEndpoint, HttpHeaders headers,
			Map<String, String> parameters) throws OAuth2ServiceException {
		Map<String, String> headerMap = new LinkedHashMap<>();
		for (HttpHeader header : headers.getHeaders()) {
			headerMap.put(header.getName(), header.getValue());
		}
		try {
			TokenEndpointClient.TokenResponse response = this.client.post(tokenEndpoint, headerMap, parameters);
			return new Response(response);
		}
		catch (TokenRequestException ex) {
			throw new Failure(ex);
		}
	}

	/** A token response that keeps the exact {@code expires_in}, so our cache can use its own clock. */
	static final class Response extends OAuth2TokenResponse {

		private final long expiresIn;

		Response(TokenEndpointClient.TokenResponse response) {
			super(response.accessToken(), response.expiresIn(), response.refreshToken(), response.tokenType());
			this.expiresIn = response.expiresIn();
		}

		long expiresIn() {
			return this.expiresIn;
		}

	}

	/** Carries our exception through token-client's checked {@link OAuth2ServiceException}. */
	static final class Failure extends OAuth2ServiceException {

		private final transient TokenRequestException exception;

		Failure(TokenRequestException exception) {
			super(exception.getMessage(), exception.getHttpStatus());
			this.exception = exception;
		}

		TokenRequestException exception() {
			return this.exception;
		}

	}

}
