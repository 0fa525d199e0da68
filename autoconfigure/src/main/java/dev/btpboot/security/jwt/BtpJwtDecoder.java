package dev.btpboot.security.jwt;

import java.text.ParseException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.SignedJWT;

import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

/**
 * Verifies XSUAA and IAS tokens of the bound services: the issuer router. A token in canonical
 * spelling ({@link JwtSyntax}) goes to the decoder of the service its issuer names, never to
 * whichever accepts it; that decoder checks signature, timestamps, audience and the application's
 * own {@code OAuth2TokenValidator<Jwt>} beans. Verified tokens are remembered until they expire,
 * so a client that sends the same token again costs no second signature check.
 */
public final class BtpJwtDecoder implements JwtDecoder {

	/** Real JOSE headers are a few hundred characters; far larger ones are refused before parsing. */
	static final int MAX_HEADER_CHARS = 2048;

	/** Verified tokens kept; when full, the memory starts over. */
	private static final int MAX_REMEMBERED = 10_000;

	private final List<TrustedIssuer> issuers;

	private final Clock clock;

	private final int maxRemembered;

	private final Map<TokenKey, VerifiedToken> verified = new ConcurrentHashMap<>();

	BtpJwtDecoder(List<TrustedIssuer> issuers, Clock clock) {
		this(issuers, clock, MAX_REMEMBERED);
	}

	/** @param maxRemembered verified tokens kept, {@link #MAX_REMEMBERED} but in tests of the bound */
	BtpJwtDecoder(List<TrustedIssuer> issuers, Clock clock, int maxRemembered) {
		this.issuers = List.copyOf(issuers);
		this.clock = clock;
		this.maxRemembered = maxRemembered;
	}

	/**
	 * Verifies a token outside the starter's own filter chain (e.g. a user's chain that takes this
	 * bean). A token bound to a client certificate ({@code cnf}) is refused here: without the
	 * request, its certificate cannot be checked, and accepting it would skip proof of possession.
	 */
	@Override
	public Jwt decode(String token) throws JwtException {
		Jwt jwt = verify(token).jwt();
		if (jwt.hasClaim("cnf")) {
			throw new UntrustedTokenException(
					"The token is bound to a client certificate, which only the request can prove");
		}
		return jwt;
	}

	/**
	 * Verifies a token the application obtained for itself from a bound service (the XSUAA token
	 * exchanged for a user's IAS token) with the checks, and the memory, of a token sent with a
	 * request. Unlike {@link #decode}, a token bound to a client certificate is taken: the
	 * certificate is the application's own, the one it asked for the token with.
	 * @param token the encoded token
	 * @return the verified token
	 * @throws JwtException when the token is refused
	 */
	public Jwt decodeObtained(String token) throws JwtException {
		return verify(token).jwt();
	}

	/**
	 * Forgets what was kept for a tenant's tokens: the signing keys of its zone (XSUAA) or its
	 * application tenant (IAS), and its verified tokens, as when it unsubscribed. Its next token
	 * is verified with keys asked for again.
	 * @param tenantId the tenant's id ({@code zid}, {@code app_tid})
	 */
	public void evictTenant(String tenantId) {
		this.issuers.forEach((issuer) -> issuer.evictTenant(tenantId));
		this.verified.values().removeIf((token) -> tenantId.equals(token.jwt().getClaimAsString("zid"))
				|| tenantId.equals(token.jwt().getClaimAsString("app_tid")));
	}

	/**
	 * @param token the encoded token
	 * @return its verification if remembered and still valid, else {@code null}; a map look-up
	 *         that never blocks, so a reactive caller may answer it on the event loop
	 */
	VerifiedToken remembered(String token) {
		VerifiedToken remembered = this.verified.get(new TokenKey(token));
		return (remembered != null && remembered.validAt(this.clock.instant())) ? remembered : null;
	}

	VerifiedToken verify(String token) {
		VerifiedToken remembered = remembered(token);
		if (remembered != null) {
			return remembered;
		}
		TokenKey key = new TokenKey(token);
		requireCanonical(token);
		SignedJWT signed = parse(token);
		JWTClaimsSet claims;
		try {
			claims = signed.getJWTClaimsSet();
		}
		catch (ParseException ex) {
			throw new UntrustedTokenException("The token's payload is not a JSON object");
		}
		VerifiedToken result = null;
		for (TrustedIssuer issuer : this.issuers) {
			JwtDecoder decoder = issuer.decoderFor(signed.getHeader(), claims);
			if (decoder != null) {
				result = new VerifiedToken(decoder.decode(token), issuer.provesPossession());
				break;
			}
		}
		if (result == null) {
			throw new UntrustedTokenException("The token's issuer is not trusted");
		}
		if (this.verified.size() >= this.maxRemembered) {
			this.verified.clear();
		}
		this.verified.put(key, result);
		return result;
	}

	/**
	 * @throws UntrustedTokenException unless the token is spelled canonically ({@link JwtSyntax})
	 * with a header of a sane size
	 */
	static void requireCanonical(String token) {
		int headerEnd = token.indexOf('.');
		if (headerEnd < 0 || headerEnd > MAX_HEADER_CHARS || !JwtSyntax.isCanonical(token)) {
			throw new UntrustedTokenException("The token is malformed");
		}
	}

	/**
	 * A token as map key, hashed over its last characters (the signature) rather than all of
	 * it; equality still compares the whole token.
	 */
	private record TokenKey(String token) {

		private static final int HASHED_CHARS = 64;

		@Override
		public int hashCode() {
			int hash = 0;
			for (int i = Math.max(0, this.token.length() - HASHED_CHARS); i < this.token.length(); i++) {
				hash = 31 * hash + this.token.charAt(i);
			}
			return hash;
		}

		@Override
		public boolean equals(Object other) {
			return other instanceof TokenKey key && this.token.equals(key.token);
		}

	}

	private static SignedJWT parse(String token) {
		JWT parsed;
		try {
			parsed = JWTParser.parse(token);
		}
		catch (ParseException ex) {
			throw new UntrustedTokenException("The token is malformed");
		}
		if (parsed instanceof SignedJWT signed) {
			return signed;
		}
		throw new UntrustedTokenException("The token is not signed");
	}

}
