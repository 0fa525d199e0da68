package dev.btpboot.token;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.function.Supplier;

import dev.btpboot.binding.IdentityCredentials;
import tools.jackson.databind.JsonNode;

/**
 * Client credentials and jwt-bearer against IAS's {@code <url>/oauth2/token}, with the client
 * secret in the form or the binding's certificate over mutual TLS, and the {@code resource} of
 * another application for App2App. A subscriber's tokens come from the subscriber's own IAS host
 * with {@code app_tid}, as SAP's libraries ask: for a user, the host that issued the user's token;
 * for technical work, the host the caller names. Only hosts the binding trusts
 * ({@link IdentityCredentials#trusts}) are asked.
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
				+ "' addresses tenants by id and host; use clientCredentialsForTenant(tenantId, iasHost)");
	}

	@Override
	public AccessToken clientCredentialsForTenant(String tenantId) {
		requireText(tenantId, "tenantId");
		if (TenantUrls.isOwnTenantId(credentials(), tenantId)) {
			return clientCredentials();
		}
		throw new UnsupportedOperationException("IAS binding '" + credentials().bindingName() + "' serves tenant '"
				+ tenantId.replaceAll("\\p{Cntrl}", "?")
				+ "' at that tenant's own host; use clientCredentialsForTenant(tenantId, iasHost)");
	}

	@Override
	public AccessToken clientCredentialsForTenant(String tenantId, String iasHost) {
		requireText(tenantId, "tenantId");
		requireText(iasHost, "iasHost");
		TenantUrls.requireTenantId(tenantId);
		Version version = version();
		IdentityCredentials identity = (IdentityCredentials) version.credentials();
		if (TenantUrls.isOwnTenantId(identity, tenantId)) {
			return clientCredentials();
		}
		URI endpoint = tenantEndpoint(identity, iasHost);
		if (endpoint == null) {
			throw new IllegalArgumentException("IAS binding '" + identity.bindingName() + "' does not trust host '"
					+ iasHost.replaceAll("\\p{Cntrl}", "?") + "': it is neither its url nor a subdomain of its domains "
					+ identity.domains());
		}
		return version.cache()
			.get(TokenKey.forTenant(identity.service(), tenantId, null), () -> request(version, endpoint,
					TokenGrant.CLIENT_CREDENTIALS, null, null, TokenEndpointClient.TenantAddress.appTenant(tenantId)));
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
					() -> requestJwtBearer(version, userJwt, resource));
	}

	@Override
	AccessToken requestClientCredentials(Version version, String tenantSubdomain) {
		return request(version, TokenGrant.CLIENT_CREDENTIALS, null, null);
	}

	@Override
	AccessToken requestClientCredentialsForTenant(Version version, String tenantId) {
		// clientCredentialsForTenant(tenantId, iasHost) asks for other tenants; this one never does.
		throw new UnsupportedOperationException("IAS tenants are asked for by id and host");
	}

	@Override
	AccessToken requestJwtBearer(Version version, String userJwt) {
		return requestJwtBearer(version, userJwt, null);
	}

	/**
	 * A user of a subscriber is exchanged at the IAS host that issued the user's token, naming the
	 * tenant in {@code app_tid}; the binding's own users, and tokens whose issuer the binding does
	 * not trust (IAS refuses those anyway), at the binding's URL.
	 */
	private AccessToken requestJwtBearer(Version version, String userJwt, String resource) {
		IdentityCredentials identity = (IdentityCredentials) version.credentials();
		String tenantId = UnverifiedClaims.tenantOf(userJwt);
		URI endpoint = (tenantId != null && !TenantUrls.isOwnTenantId(identity, tenantId))
				? tenantEndpoint(identity, issuerAuthority(userJwt)) : null;
		if (endpoint == null) {
			return request(version, TokenGrant.JWT_BEARER, userJwt, resource);
		}
		return request(version, endpoint, TokenGrant.JWT_BEARER, userJwt, resource,
				TokenEndpointClient.TenantAddress.appTenant(tenantId));
	}

	/** IAS serves the binding's own tenant at the binding's URL. */
	private AccessToken request(Version version, TokenGrant grant, String assertion, String resource) {
		return request(version, version.credentials().tokenEndpoint(), grant, assertion, resource);
	}

	/**
	 * @param identity the binding
	 * @param authority a tenant's IAS host, with a port when it has one, or {@code null}
	 * @return its token endpoint, with the scheme of the binding's URL, when the binding trusts the
	 * host; else {@code null}
	 */
	static URI tenantEndpoint(IdentityCredentials identity, String authority) {
		if (authority == null) {
			return null;
		}
		try {
			URI base = new URI(identity.url().getScheme() + "://" + authority);
			if (base.getHost() == null || base.getRawUserInfo() != null || !base.getRawPath().isEmpty()
					|| base.getRawQuery() != null || base.getRawFragment() != null || !identity.trusts(base)) {
				return null;
			}
			return URI.create(base + "/oauth2/token");
		}
		catch (URISyntaxException ex) {
			return null;
		}
	}

	/** @return {@code host[:port]} of the token's {@code ias_iss}, else {@code iss}, or {@code null} */
	private static String issuerAuthority(String userJwt) {
		JsonNode claims = UnverifiedClaims.of(userJwt);
		if (claims == null) {
			return null;
		}
		String issuer = claims.path("ias_iss").asString(null);
		if (issuer == null) {
			issuer = claims.path("iss").asString(null);
		}
		try {
			URI url = (issuer != null) ? new URI(issuer) : null;
			return (url != null && url.getHost() != null)
					? url.getHost() + ((url.getPort() != -1) ? ":" + url.getPort() : "") : null;
		}
		catch (URISyntaxException ex) {
			return null;
		}
	}

	private static String resource(String providerName) {
		requireText(providerName, "providerName");
		return RESOURCE_PREFIX + providerName;
	}

}
