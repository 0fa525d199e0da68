package dev.btpboot.test.identity;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Map;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

/**
 * Builds a token signed by the {@link LocalIdentityServer}, shaped like an XSUAA or an IAS
 * token, with the user, scopes or groups, tenant, audience and expiry a test chooses. The
 * defaults make a valid token for the bound application. A client-credentials token
 * ({@link LocalIdentityServer#xsuaaClientCredentialsToken()},
 * {@link LocalIdentityServer#iasClientCredentialsToken()}) has no user: the application sees a
 * technical caller named by its {@linkplain #client(String) client}, with the IAS
 * {@linkplain #apis(String...) API permission groups} or XSUAA scopes granted to it.
 */
public final class TestTokenBuilder {

	private final RSAKey key;

	private final boolean xsuaa;

	private final String xsAppName;

	private final JWTClaimsSet.Builder claims;

	private final List<String> scopes = new ArrayList<>();

	private final boolean technical;

	TestTokenBuilder(RSAKey key, boolean xsuaa, String xsAppName, JWTClaimsSet.Builder defaults, boolean technical) {
		this.key = key;
		this.xsuaa = xsuaa;
		this.xsAppName = xsAppName;
		this.claims = defaults;
		this.technical = technical;
		expiresIn(Duration.ofMinutes(10));
	}

	/**
	 * @param name the user name ({@code user_name} of XSUAA, {@code email} and {@code sub} of IAS)
	 * @return this builder
	 * @throws IllegalStateException for a client-credentials token, which has no user
	 */
	public TestTokenBuilder user(String name) {
		if (this.technical) {
			throw new IllegalStateException("A client-credentials token has no user; use client(...) to name the caller");
		}
		if (this.xsuaa) {
			this.claims.claim("user_name", name).subject(name);
		}
		else {
			this.claims.claim("email", name).subject(name);
		}
		return this;
	}

	/**
	 * XSUAA scopes of this application, given without the {@code xsappname.} prefix.
	 * @param scopes for instance {@code Viewer}
	 * @return this builder
	 */
	public TestTokenBuilder scopes(String... scopes) {
		requireXsuaa("scopes");
		Arrays.stream(scopes).map((scope) -> this.xsAppName + "." + scope).forEach(this.scopes::add);
		return this;
	}

	/**
	 * Scopes taken as they are, such as those of another application.
	 * @param scopes full scope names
	 * @return this builder
	 */
	public TestTokenBuilder rawScopes(String... scopes) {
		requireXsuaa("rawScopes");
		this.scopes.addAll(Arrays.asList(scopes));
		return this;
	}

	/**
	 * The client the token was issued to: {@code client_id}, {@code cid} and {@code azp} of XSUAA,
	 * {@code azp} of IAS; of a client-credentials token also {@code sub}, the name the application
	 * sees.
	 * @param clientId the client id
	 * @return this builder
	 */
	public TestTokenBuilder client(String clientId) {
		if (this.xsuaa) {
			this.claims.claim("client_id", clientId).claim("cid", clientId);
		}
		this.claims.claim("azp", clientId);
		if (this.technical) {
			this.claims.subject(clientId);
		}
		return this;
	}

	/**
	 * API permission groups the bound application granted the calling application (IAS
	 * {@code ias_apis}, App2App); the application sees them as authorities, as they are, when the
	 * caller is technical.
	 * @param apis for instance {@code read}
	 * @return this builder
	 */
	public TestTokenBuilder apis(String... apis) {
		if (this.xsuaa) {
			throw new IllegalStateException("apis are a claim of IAS tokens; use scopes(...) for XSUAA");
		}
		this.claims.claim("ias_apis", List.of(apis));
		return this;
	}

	/**
	 * @param groups IAS groups
	 * @return this builder
	 */
	public TestTokenBuilder groups(String... groups) {
		if (this.xsuaa) {
			throw new IllegalStateException("groups are a claim of IAS tokens; use scopes(...) for XSUAA");
		}
		this.claims.claim("groups", List.of(groups));
		return this;
	}

	/**
	 * @param tenantId the tenant ({@code zid} of XSUAA, {@code app_tid} of IAS)
	 * @return this builder
	 */
	public TestTokenBuilder tenant(String tenantId) {
		this.claims.claim(this.xsuaa ? "zid" : "app_tid", tenantId);
		return this;
	}

	/**
	 * @param subdomain the tenant's subdomain ({@code ext_attr.zdn} of XSUAA)
	 * @return this builder
	 */
	public TestTokenBuilder subdomain(String subdomain) {
		requireXsuaa("subdomain");
		this.claims.claim("ext_attr", Map.of("zdn", subdomain));
		return this;
	}

	/**
	 * Replaces the audience (by default the bound client id); of a user token also the client
	 * ({@code azp}, the first audience).
	 * @param audiences the audiences
	 * @return this builder
	 */
	public TestTokenBuilder audience(String... audiences) {
		this.claims.audience(List.of(audiences));
		if (!this.technical) {
			this.claims.claim("azp", (audiences.length > 0) ? audiences[0] : null);
		}
		return this;
	}

	/**
	 * @param lifetime from now; negative for an expired token
	 * @return this builder
	 */
	public TestTokenBuilder expiresIn(Duration lifetime) {
		return expiresAt(Instant.now().plus(lifetime));
	}

	/**
	 * @param expiresAt the {@code exp} claim
	 * @return this builder
	 */
	public TestTokenBuilder expiresAt(Instant expiresAt) {
		this.claims.expirationTime(Date.from(expiresAt));
		return this;
	}

	/**
	 * @param name any claim
	 * @param value its value ({@code null} removes it)
	 * @return this builder
	 */
	public TestTokenBuilder claim(String name, Object value) {
		this.claims.claim(name, value);
		return this;
	}

	/** @return the signed, encoded token */
	public String build() {
		if (this.xsuaa) {
			this.claims.claim("scope", List.copyOf(this.scopes));
		}
		try {
			SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(this.key.getKeyID()).build(),
					this.claims.issueTime(new Date()).build());
			jwt.sign(new RSASSASigner(this.key));
			return jwt.serialize();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException("Cannot sign the test token", ex);
		}
	}

	private void requireXsuaa(String what) {
		if (!this.xsuaa) {
			throw new IllegalStateException(what + "(...) applies to XSUAA tokens only; IAS tokens carry groups(...)");
		}
	}

}
