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
 * mTLS, timeouts, retries) instead of Apache HttpClient or a {@code RestTemplate}, behind the
 * {@code XsuaaTokenFlows} beans only. token-client builds the requests (grant, client identity,
 * subdomain, zone); we send them. Not token-client's {@code XsuaaOAuth2TokenService} over a
 * {@code RestTemplate}: in 3.6.6 that class logs the form parameters, {@code client_secret} and
 * {@code assertion} included, unmasked at DEBUG.
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
		TokenEndpointClient.TokenResponse response;
		try {
			response = this.client.post(tokenEndpoint, headerMap, parameters);
		}
		catch (TokenRequestException ex) {
			// token-client's checked exception, ours as its cause: the message names no secret.
			OAuth2ServiceException failure = new OAuth2ServiceException(ex.getMessage(), ex.getHttpStatus());
			failure.initCause(ex);
			throw failure;
		}
		return new OAuth2TokenResponse(response.accessToken(), response.expiresIn(), response.refreshToken(),
				response.tokenType());
	}

}
