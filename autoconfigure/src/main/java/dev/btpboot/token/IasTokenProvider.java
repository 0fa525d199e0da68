package dev.btpboot.token;

import java.net.URI;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.btpboot.binding.ClientSecret;
import dev.btpboot.binding.IdentityCredentials;

/**
 * Client credentials and jwt-bearer against IAS's {@code <url>/oauth2/token} (token-client has
 * no IAS flows), with the client secret in the form or the binding's certificate over mutual TLS.
 */
final class IasTokenProvider extends CachingTokenProvider implements IdentityTokenProvider {

	private final TokenEndpointClient client;

	IasTokenProvider(IdentityCredentials credentials, TokenCache cache, Clock clock, TokenEndpointClient client) {
		super(credentials, cache, clock);
		this.client = client;
	}

	@Override
	public AccessToken clientCredentials(String tenantSubdomain) {
		throw new UnsupportedOperationException("IAS binding '" + credentials().bindingName()
				+ "' issues tokens for its own tenant only; use clientCredentials()");
	}

	@Override
	public AccessToken clientCredentialsForProvider(String providerName) {
		String resource = resource(providerName);
		return cache().get(TokenKey.clientCredentials(credentials().service(), null, resource),
				() -> request(form("client_credentials", resource)));
	}

	@Override
	public AccessToken jwtBearerForProvider(String userJwt, String providerName) {
		requireText(userJwt, "userJwt");
		String resource = resource(providerName);
		return cache().get(TokenKey.jwtBearer(credentials().service(), userJwt, resource),
				() -> request(jwtBearerForm(userJwt, resource)));
	}

	@Override
	AccessToken requestClientCredentials(String tenantSubdomain) {
		return request(form("client_credentials", null));
	}

	@Override
	AccessToken requestJwtBearer(String userJwt) {
		return request(jwtBearerForm(userJwt, null));
	}

	private AccessToken request(Map<String, String> form) {
		URI endpoint = credentials().tokenEndpoint();
		TokenEndpointClient.TokenResponse response = this.client.post(endpoint, Map.of(), form);
		return token(response.accessToken(), response.expiresIn());
	}

	private Map<String, String> jwtBearerForm(String userJwt, String resource) {
		Map<String, String> form = form(TokenEndpointClient.JWT_BEARER, resource);
		form.put("assertion", userJwt);
		return form;
	}

	private Map<String, String> form(String grantType, String resource) {
		Map<String, String> form = new LinkedHashMap<>();
		form.put("grant_type", grantType);
		form.put("client_id", credentials().clientId());
		if (credentials().authentication() instanceof ClientSecret secret) {
			form.put("client_secret", secret.value());
		}
		if (resource != null) {
			form.put("resource", resource);
		}
		return form;
	}

	private static String resource(String providerName) {
		requireText(providerName, "providerName");
		return RESOURCE_PREFIX + providerName;
	}

}
