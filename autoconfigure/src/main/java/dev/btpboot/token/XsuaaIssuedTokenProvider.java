package dev.btpboot.token;

import java.net.URI;
import java.util.function.Supplier;

import dev.btpboot.binding.OAuthClientCredentials;
import tools.jackson.databind.JsonNode;

/**
 * Tokens of an XSUAA-issued client (xsuaa, connectivity, destination) at {@code <url>/oauth/token}.
 * Subscriber tenants are addressed by swapping the subdomain of the token endpoint
 * ({@link TenantUrls}), the binding's own tenant at its URL unchanged; a jwt-bearer request goes
 * to the tenant named by the user token's {@code ext_attr.zdn}.
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
	AccessToken requestJwtBearer(Version version, String userJwt) {
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
