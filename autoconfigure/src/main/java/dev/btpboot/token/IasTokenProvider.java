package dev.btpboot.token;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

import dev.btpboot.binding.ClientSecret;
import dev.btpboot.binding.IdentityCredentials;

/**
 * Client credentials and jwt-bearer against IAS's {@code <url>/oauth2/token} (token-client has
 * no IAS flows), with the client secret in the form or the binding's certificate over mutual TLS.
 */
final class IasTokenProvider extends CachingTokenProvider<TokenEndpointClient> implements IdentityTokenProvider {

	/**
	 * @param credentials the current version of the binding's credentials
	 * @param factory shared parts; each version gets its own HTTP client
	 */
	IasTokenProvider(Supplier<IdentityCredentials> credentials, TokenProviderFactory factory) {
		super(credentials, factory, factory::client);
	}

	@Override
	public AccessToken clientCredentials(String tenantSubdomain) {
		throw new UnsupportedOperationException("IAS binding '" + credentials().bindingName()
				+ "' issues tokens for its own tenant only; use clientCredentials()");
	}

	@Override
	public AccessToken clientCredentialsForProvider(String providerName) {
		String resource = resource(providerName);
		Version<TokenEndpointClient> version = version();
		return version.cache()
			.get(TokenKey.clientCredentials(version.credentials().service(), null, resource),
					() -> request(version, form(version, "client_credentials", resource)));
	}

	@Override
	public AccessToken jwtBearerForProvider(String userJwt, String providerName) {
		requireText(userJwt, "userJwt");
		String resource = resource(providerName);
		Version<TokenEndpointClient> version = version();
		return version.cache()
			.get(TokenKey.jwtBearer(version.credentials().service(), userJwt, resource),
					() -> request(version, jwtBearerForm(version, userJwt, resource)));
	}

	@Override
	AccessToken requestClientCredentials(Version<TokenEndpointClient> version, String tenantSubdomain) {
		return request(version, form(version, "client_credentials", null));
	}

	@Override
	AccessToken requestJwtBearer(Version<TokenEndpointClient> version, String userJwt) {
		return request(version, jwtBearerForm(version, userJwt, null));
	}

	private AccessToken request(Version<TokenEndpointClient> version, Map<String, String> form) {
		URI endpoint = version.credentials().tokenEndpoint();
		TokenEndpointClient.TokenResponse response = version.parts().post(endpoint, Map.of(), form);
		return token(response.accessToken(), response.expiresIn());
	}

	private static Map<String, String> jwtBearerForm(Version<TokenEndpointClient> version, String userJwt,
			String resource) {
		Map<String, String> form = form(version, TokenEndpointClient.JWT_BEARER, resource);
		form.put("assertion", userJwt);
		return form;
	}

	private static Map<String, String> form(Version<TokenEndpointClient> version, String grantType, String resource) {
		Map<String, String> form = new LinkedHashMap<>();
		form.put("grant_type", grantType);
		form.put("client_id", version.credentials().clientId());
		if (version.credentials().authentication() instanceof ClientSecret secret) {
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
