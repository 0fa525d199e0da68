package dev.btpboot.security.jwt;

import java.io.IOException;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import dev.btpboot.token.PeerText;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * The signing keys of one key scope (an XSUAA zone, an IAS issuer with tenant and client). Loads
 * are single-flight: however many requests need keys at once, one fetch happens. A token with an
 * unknown {@code kid} triggers at most one fetch per {@link #MIN_REFRESH_INTERVAL}, so forged
 * {@code kid}s cannot flood the issuer. When a fetch fails, the keys loaded before keep working;
 * when there are none, the token is refused with {@link KeysUnavailableException}. A 400 answer
 * means the identity service refuses keys for this scope: its tokens are refused, no outage.
 */
final class CachingJwkSource implements JWKSource<SecurityContext> {

	static final Duration MIN_REFRESH_INTERVAL = Duration.ofSeconds(30);

	private static final Log logger = LogFactory.getLog(CachingJwkSource.class);

	private final String scope;

	private final KeysLocation location;

	private final KeysHttpClient http;

	private final Clock clock;

	private final ReentrantLock lock = new ReentrantLock();

	private volatile JWKSet keys;

	private Instant lastFetch;

	/** Whether the last fetch was refused (HTTP 400). */
	private boolean refused;

	/** Why the last fetch failed while no keys were ever loaded, else {@code null}. */
	private String unavailable;

	/**
	 * @param scope names the scope in log messages, such as {@code issuer https://x (zone y)}
	 */
	CachingJwkSource(String scope, KeysLocation location, KeysHttpClient http, Clock clock) {
		this.scope = scope;
		this.location = location;
		this.http = http;
		this.clock = clock;
	}

	@Override
	public List<JWK> get(JWKSelector selector, SecurityContext context) {
		JWKSet seen = this.keys;
		if (seen != null) {
			List<JWK> found = selector.select(seen);
			if (!found.isEmpty()) {
				return found;
			}
		}
		JWKSet current = refresh(seen);
		return (current != null) ? selector.select(current) : List.of();
	}

	private JWKSet refresh(JWKSet seen) {
		this.lock.lock();
		try {
			JWKSet current = this.keys;
			if (current != seen) {
				return current; // another request loaded them while this one waited
			}
			Instant now = this.clock.instant();
			if (this.lastFetch != null && now.isBefore(this.lastFetch.plus(MIN_REFRESH_INTERVAL))) {
				return keysOrFailure(current);
			}
			this.lastFetch = now;
			try {
				KeysLocation.Request request = this.location.request();
				JWKSet loaded = JWKSet.parse(this.http.get(request.uri(), request.headers())).toPublicJWKSet();
				this.keys = loaded;
				this.refused = false;
				this.unavailable = null;
				if (logger.isDebugEnabled()) {
					logger.debug("Loaded " + loaded.size() + " signing key(s) of " + this.scope);
				}
				return loaded;
			}
			catch (KeysHttpClient.RefusedException ex) {
				if (logger.isDebugEnabled()) {
					logger.debug("The identity service refuses the signing keys of " + this.scope + " ("
							+ reason(ex) + ")");
				}
				this.keys = null;
				this.refused = true;
				throw failure();
			}
			catch (IOException | ParseException | RuntimeException ex) {
				if (current == null) {
					// Keys never loaded: most likely an issuer or zone named by a forged token. Logged by
					// ScopedDecoders at most once a minute, not once per token.
					this.refused = false;
					this.unavailable = "Cannot load the signing keys of " + this.scope + " (" + reason(ex) + ")";
					throw failure();
				}
				logger.warn("Cannot load the signing keys of " + this.scope + " (" + reason(ex) + "); keeping "
						+ current.size() + " cached key(s), next attempt in " + MIN_REFRESH_INTERVAL.toSeconds()
						+ "s at the earliest");
				return current;
			}
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Why a load failed, for the log: the exception's message as {@link PeerText} lets it through
	 * (a parser's message may quote the document the peer sent), or its kind when it has none (the
	 * JDK client's {@code ConnectException} has none).
	 */
	static String reason(Exception ex) {
		String message = PeerText.description(ex.getMessage());
		return (message == null || message.isBlank()) ? ex.getClass().getSimpleName() : message;
	}

	private JWKSet keysOrFailure(JWKSet current) {
		if (current == null && (this.refused || this.unavailable != null)) {
			throw failure();
		}
		return current;
	}

	private UntrustedTokenException failure() {
		return this.refused
				? new UntrustedTokenException("The identity service refuses signing keys for the token's tenant or client")
				: new KeysUnavailableException(this.unavailable);
	}

}
