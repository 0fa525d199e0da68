package dev.btpboot.token;

import java.util.function.Supplier;

import dev.btpboot.binding.IdentityCredentials;

/**
 * Client credentials and jwt-bearer against IAS's {@code <url>/oauth2/token}, with the client
 * secret in the form or the binding's certificate over mutual TLS, and the {@code resource} of
 * another application for App2App.
 */
final class IasTokenProvider extends CachingTokenProvider implements IdentityTokenProvider {

	/**
	 * @param credentials the current version of the binding's credentials
	 * @param factory shared parts; each version gets its own HTTP client
	 */
	IasTokenProvider(Supplier<IdentityCredentials> credentials, TokenProviderFactory factory) {
		super(credentials, factory);
	}

	@Override
	public AccessToken clientCredentials(String tenantSubdomain) {
		throw new UnsupportedOperationException("IAS binding '" + credentials().bindingName()
				+ "' issues tokens for its own tenant only; use clientCredentials()");
	}

	@Override
	public AccessToken clientCredentialsForProvider(String providerName) {
		String resource = resource(providerName);
		Version version = version();
		return version.cache()
			.get(TokenKey.clientCredentials(version.credentials().service(), null, resource),
					() -> request(version, TokenGrant.CLIENT_CREDENTIALS, null, resource));
	}

	@Override
	public AccessToken jwtBearerForProvider(String userJwt, String providerName) {
		requireText(userJwt, "userJwt");
		String resource = resource(providerName);
		Version version = version();
		return version.cache()
			.get(TokenKey.jwtBearer(version.credentials().service(), userJwt, resource),
					() -> request(version, TokenGrant.JWT_BEARER, userJwt, resource));
	}

	@Override
	AccessToken requestClientCredentials(Version version, String tenantSubdomain) {
		return request(version, TokenGrant.CLIENT_CREDENTIALS, null, null);
	}

	@Override
	AccessToken requestJwtBearer(Version version, String userJwt) {
		return request(version, TokenGrant.JWT_BEARER, userJwt, null);
	}

	/** IAS serves one tenant at the binding's URL. */
	private AccessToken request(Version version, TokenGrant grant, String assertion, String resource) {
		return request(version, version.credentials().tokenEndpoint(), grant, assertion, resource);
	}

	private static String resource(String providerName) {
		requireText(providerName, "providerName");
		return RESOURCE_PREFIX + providerName;
	}

}
