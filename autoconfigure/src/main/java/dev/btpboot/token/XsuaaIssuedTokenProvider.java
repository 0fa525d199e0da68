package dev.btpboot.token;

import java.net.URI;
import java.util.function.Supplier;

import dev.btpboot.binding.OAuthClientCredentials;
import tools.jackson.databind.JsonNode;

/**
 * Tokens of an XSUAA-issued client (xsuaa, connectivity, destination, saas-registry) at
 * {@code <url>/oauth/token}. A subscriber tenant is addressed by its id in the header
 * {@code x-zid} at the binding's URL as it is (or, asked for by subdomain, by swapping the
 * subdomain of the token endpoint, {@link TenantUrls}); the binding's own tenant at its URL
 * unchanged. A jwt-bearer request goes to the user token's tenant: its {@code zid} (an IAS token's
 * {@code app_tid}) in {@code x-zid}, as SAP's libraries send it, else the subdomain its
 * {@code ext_attr.zdn} names.
 */
final class XsuaaIssuedTokenProvider extends CachingTokenProvider {

	XsuaaIssuedTokenProvider(Supplier<? extends OAuthClientCredentials> credentials, TokenProviderFactory factory) {
		super(credentials, factory);
	}

	@Override
	AccessToken requestClientCredentials(Version version, String tenantSubdomain) {
		URI endpoint = TenantUrls.tokenEndpoint(version.credentials(), tenantSubdomain, TokenGrant.CLIENT_CREDENTIALS);
		return request(version, endpoint, TokenGrant.CLIENT_CREDENTIALS, null, null);
	}

	@Override
	AccessToken requestClientCredentialsForTenant(Version version, String tenantId) {
		return request(version, version.credentials().tokenEndpoint(), TokenGrant.CLIENT_CREDENTIALS, null, null,
				TokenEndpointClient.TenantAddress.zone(tenantId));
	}

	@Override
	AccessToken requestJwtBearer(Version version, String userJwt) {
		String tenantId = UnverifiedClaims.tenantOf(userJwt);
		if (tenantId != null) {
			return request(version, version.credentials().tokenEndpoint(), TokenGrant.JWT_BEARER, userJwt, null,
					TenantUrls.isOwnTenantId(version.credentials(), tenantId) ? TokenEndpointClient.TenantAddress.OWN
							: TokenEndpointClient.TenantAddress.zone(tenantId));
		}
		URI endpoint = TenantUrls.tokenEndpoint(version.credentials(), userSubdomain(userJwt), TokenGrant.JWT_BEARER);
		return request(version, endpoint, TokenGrant.JWT_BEARER, userJwt, null);
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
