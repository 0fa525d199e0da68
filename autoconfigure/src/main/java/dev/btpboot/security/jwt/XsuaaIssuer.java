package dev.btpboot.security.jwt;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jwt.JWTClaimsSet;

import dev.btpboot.binding.XsuaaCredentials;

import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/**
 * The bound XSUAA: tokens whose issuer is under {@code uaadomain}, signed RS256 by a key of the
 * token's zone, {@code https://<uaadomain>/token_keys?zid=<zid>} with header {@code x-zid} as
 * SAP's own library asks (never of a {@code jku} elsewhere), checked by the
 * {@link XsuaaAudienceValidator}. Keys are kept per zone.
 */
final class XsuaaIssuer implements TrustedIssuer {

	private final String uaaDomain;

	private final String tokenKeys;

	private final KeysHttpClient http;

	private final Rs256Decoders decoders;

	private final XsuaaAudienceValidator audience;

	private final ScopedDecoders<Zone> zones;

	XsuaaIssuer(XsuaaCredentials credentials, KeysHttpClient http, Rs256Decoders decoders) {
		this.uaaDomain = credentials.uaaDomain();
		this.http = http;
		this.decoders = decoders;
		this.audience = new XsuaaAudienceValidator(credentials);
		String host = this.uaaDomain.contains(":") ? this.uaaDomain.substring(0, this.uaaDomain.indexOf(':'))
				: this.uaaDomain;
		this.tokenKeys = (Issuers.isLoopback(host) ? "http" : "https") + "://" + this.uaaDomain + "/token_keys";
		this.zones = new ScopedDecoders<>("XSUAA zones", this::decoder, decoders.clock());
	}

	/** An identity zone ({@code zid}); {@code null} for a token without one. */
	private record Zone(String id) {
	}

	private NimbusJwtDecoder decoder(Zone zone) {
		KeysLocation.Request request = (zone.id() != null)
				? new KeysLocation.Request(
						URI.create(this.tokenKeys + "?zid=" + URLEncoder.encode(zone.id(), StandardCharsets.UTF_8)),
						Map.of("x-zid", zone.id()))
				: new KeysLocation.Request(URI.create(this.tokenKeys), Map.of());
		String scope = "issuer " + this.uaaDomain + ((zone.id() != null) ? " (zone " + zone.id() + ")" : "");
		return this.decoders.decoder(new CachingJwkSource(scope, () -> request, this.http, this.decoders.clock()),
				this.audience);
	}

	@Override
	public void evictTenant(String tenantId) {
		this.zones.evict((zone) -> tenantId.equals(zone.id()));
	}

	@Override
	public JwtDecoder decoderFor(JWSHeader header, JWTClaimsSet claims) {
		Map<String, Object> values = claims.getClaims();
		if (!Issuers.isXsuaa(values, this.uaaDomain)) {
			return null;
		}
		URI jku = header.getJWKURL();
		if (jku != null) {
			URI url = Issuers.strictUrl(jku.toString());
			if (url == null || !Issuers.isSameOrSubdomain(Issuers.authority(url), this.uaaDomain)) {
				throw new UntrustedTokenException("The token's jku is outside the trusted uaadomain");
			}
		}
		Zone zone = new Zone(JwtClaims.keyScope(values, "zid"));
		return (token) -> this.zones.decode(zone, token);
	}

}
