package dev.btpboot.security.jwt;

import java.io.IOException;
import java.net.URI;
import java.text.ParseException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.JWTClaimsSet;

import dev.btpboot.binding.IdentityCredentials;

import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/**
 * The bound SAP Cloud Identity Services tenant: tokens whose issuer ({@code ias_iss}, else
 * {@code iss}) is the binding's {@code url} or a subdomain of one of its {@code domains}, signed
 * RS256 by a key the issuer publishes through OIDC discovery, checked by the
 * {@link IasAudienceValidator}. Keys are asked for as SAP's own library does, with the headers
 * {@code x-app_tid} (the token's tenant), {@code x-client_id} (ours) and {@code x-azp} (the
 * token's client), so the identity service itself refuses keys (HTTP 400) for a tenant or client
 * that may not call this application; keys are kept per issuer, tenant and client. A token bound
 * to a client certificate ({@code cnf.x5t#S256}) must come with that certificate.
 */
final class IasIssuer implements TrustedIssuer {

	private final IdentityCredentials credentials;

	private final KeysHttpClient http;

	private final Rs256Decoders decoders;

	private final IasAudienceValidator audience;

	private final ScopedDecoders<KeyScope> scopes;

	IasIssuer(IdentityCredentials credentials, KeysHttpClient http, Rs256Decoders decoders) {
		this.credentials = credentials;
		this.http = http;
		this.decoders = decoders;
		this.audience = new IasAudienceValidator(credentials.clientId());
		this.scopes = new ScopedDecoders<>("IAS issuers/tenants/clients", this::decoder, decoders.clock());
	}

	@Override
	public JwtDecoder decoderFor(JWSHeader header, JWTClaimsSet claims) {
		Map<String, Object> values = claims.getClaims();
		URI issuer = Issuers.iasIssuer(values, this.credentials);
		if (issuer == null) {
			return null;
		}
		KeyScope scope = new KeyScope(issuer.getScheme().toLowerCase(Locale.ROOT) + "://" + Issuers.authority(issuer),
				JwtClaims.keyScope(values, "app_tid"), JwtClaims.keyScope(values, "azp"));
		return (token) -> this.scopes.decode(scope, token);
	}

	@Override
	public void evictTenant(String tenantId) {
		this.scopes.evict((scope) -> tenantId.equals(scope.tenant()));
	}

	@Override
	public boolean provesPossession() {
		return true;
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
		return this.decoders.decoder(new CachingJwkSource(scope.toString(), discovery, this.http, this.decoders.clock()),
				this.audience);
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

}
