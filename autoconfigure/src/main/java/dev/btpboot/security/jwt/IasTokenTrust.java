package dev.btpboot.security.jwt;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.text.ParseException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import jakarta.servlet.http.HttpServletRequest;

import dev.btpboot.binding.IdentityCredentials;
import dev.btpboot.security.BtpUser;
import dev.btpboot.security.certificate.ClientCertificates;

import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;

/**
 * Trust in the bound SAP Cloud Identity Services tenant: tokens whose issuer ({@code ias_iss},
 * else {@code iss}) is the binding's {@code url} or a subdomain of one of its {@code domains},
 * signed RS256 by a key the issuer publishes through OIDC discovery, with the binding's
 * {@code clientid} in the audience. Keys are asked for as SAP's own library does, with the
 * headers {@code x-app_tid} (the token's tenant), {@code x-client_id} (ours) and {@code x-azp}
 * (the token's client), so the identity service itself refuses keys (HTTP 400) for a tenant or
 * client that may not call this application; keys are kept per issuer, tenant and client. The
 * {@code groups} claim becomes the roles. A token bound to a client certificate
 * ({@code cnf.x5t#S256}) must come with that certificate.
 */
final class IasTokenTrust implements TokenTrust {

	private final IdentityCredentials credentials;

	private final KeysHttpClient http;

	private final Clock clock;

	private final String clientCertificateHeader;

	private final ScopedDecoders<KeyScope> decoders;

	IasTokenTrust(IdentityCredentials credentials, KeysHttpClient http, Clock clock, String clientCertificateHeader) {
		this.credentials = credentials;
		this.http = http;
		this.clock = clock;
		this.clientCertificateHeader = clientCertificateHeader;
		this.decoders = new ScopedDecoders<>("IAS issuers/tenants/clients", this::decoder, clock);
	}

	@Override
	public boolean issued(JWTClaimsSet claims) {
		return trustedIssuer(claims) != null;
	}

	/** The issuer URL when the binding trusts it, else {@code null}. */
	private URI trustedIssuer(JWTClaimsSet claims) {
		Object iasIssuer = claims.getClaim("ias_iss");
		String issuer = (iasIssuer != null) ? String.valueOf(iasIssuer) : claims.getIssuer();
		URI url = Issuers.strictUrl(issuer);
		if (url == null || !(url.getRawPath().isEmpty() || "/".equals(url.getRawPath()))) {
			return null;
		}
		URI bound = this.credentials.url();
		boolean isBindingUrl = url.getScheme().equalsIgnoreCase(bound.getScheme())
				&& Issuers.authority(url).equals(Issuers.authority(bound));
		if (isBindingUrl) {
			return url;
		}
		String host = url.getHost();
		return this.credentials.domains()
			.stream()
			.anyMatch((domain) -> !host.equalsIgnoreCase(domain) && Issuers.isSameOrSubdomain(host, domain)) ? url
					: null;
	}

	@Override
	public Jwt decode(String token, SignedJWT parsed) {
		JWTClaimsSet claims;
		try {
			claims = parsed.getJWTClaimsSet();
		}
		catch (ParseException ex) {
			throw new UntrustedTokenException("The token is malformed");
		}
		URI issuer = trustedIssuer(claims);
		KeyScope scope = new KeyScope(issuer.getScheme().toLowerCase(Locale.ROOT) + "://" + Issuers.authority(issuer),
				Issuers.keyScopeClaim(claims, "app_tid"), Issuers.keyScopeClaim(claims, "azp"));
		return this.decoders.decode(scope, token);
	}

	/** Keys are asked for, and kept, per issuer, tenant ({@code app_tid}) and client ({@code azp}). */
	private record KeyScope(String issuer, String tenant, String client) {

		@Override
		public String toString() {
			return "issuer " + this.issuer + " (app_tid " + this.tenant + ", azp " + this.client + ")";
		}

	}

	private NimbusJwtDecoder decoder(KeyScope scope) {
		Map<String, String> headers = new LinkedHashMap<>();
		if (scope.tenant() != null) {
			headers.put("x-app_tid", scope.tenant());
		}
		headers.put("x-client_id", this.credentials.clientId());
		if (scope.client() != null) {
			headers.put("x-azp", scope.client());
		}
		KeysLocation discovery = new KeysLocation() {

			private volatile URI jwksUri;

			@Override
			public Request request() throws IOException {
				if (this.jwksUri == null) {
					this.jwksUri = discover(scope.issuer());
				}
				return new Request(this.jwksUri, headers);
			}

		};
		return TokenTrust.rs256Decoder(new CachingJwkSource(scope.toString(), discovery, this.http, this.clock),
				this.clock,
				(jwt) -> TokenTrust.strings(jwt.getClaims().get("aud")).contains(this.credentials.clientId())
						? OAuth2TokenValidatorResult.success()
						: TokenTrust.failure("The token's audience does not include this application"));
	}

	/** OIDC discovery; the key set must be served by the issuer's own host. */
	private URI discover(String issuer) throws IOException {
		URI document = URI.create(issuer + "/.well-known/openid-configuration");
		Object jwksUri;
		try {
			jwksUri = JSONObjectUtils.parse(this.http.get(document)).get("jwks_uri");
		}
		catch (ParseException ex) {
			throw new IOException("The OIDC discovery document " + document + " is not JSON");
		}
		URI keys = (jwksUri instanceof String value) ? Issuers.strictUrl(value) : null;
		if (keys == null || !keys.getHost().equalsIgnoreCase(URI.create(issuer).getHost())) {
			throw new IOException("The OIDC discovery document " + document + " has no jwks_uri on the issuer's host");
		}
		return keys;
	}

	@Override
	public BtpUser user(Jwt jwt) {
		Map<String, Object> claims = jwt.getClaims();
		Set<String> roles = new LinkedHashSet<>(TokenTrust.strings(claims.get("groups")));
		String name = TokenTrust.firstString(claims, "user_name", "email", "sub");
		return new BtpUser((name != null) ? name : "unknown", TokenTrust.firstString(claims, "app_tid", "zone_uuid"),
				null, roles, null, null, jwt.getTokenValue());
	}

	@Override
	public void checkRequest(Jwt jwt, HttpServletRequest request) {
		if (!(jwt.getClaims().get("cnf") instanceof Map<?, ?> cnf && cnf.get("x5t#S256") instanceof String expected)) {
			return;
		}
		String presented = ClientCertificates.thumbprint(request.getHeader(this.clientCertificateHeader));
		if (presented == null || !MessageDigest.isEqual(presented.getBytes(StandardCharsets.US_ASCII),
				expected.getBytes(StandardCharsets.US_ASCII))) {
			throw new InvalidBearerTokenException(
					"The token is bound to a client certificate that the request does not present");
		}
	}

}
