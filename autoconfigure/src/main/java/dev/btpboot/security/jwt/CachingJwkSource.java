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
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * The signing keys of one issuer. Loads are single-flight: however many requests need keys at
 * once, one fetch happens. A token with an unknown {@code kid} triggers at most one fetch per
 * {@link #MIN_REFRESH_INTERVAL}, so forged {@code kid}s cannot flood the issuer. When a fetch
 * fails, the keys loaded before keep working.
 */
final class CachingJwkSource implements JWKSource<SecurityContext> {

	static final Duration MIN_REFRESH_INTERVAL = Duration.ofSeconds(30);

	private static final Log logger = LogFactory.getLog(CachingJwkSource.class);

	private final String issuer;

	private final KeysLocation location;

	private final KeysHttpClient http;

	private final Clock clock;

	private final ReentrantLock lock = new ReentrantLock();

	private volatile JWKSet keys;

	private Instant lastFetch;

	CachingJwkSource(String issuer, KeysLocation location, KeysHttpClient http, Clock clock) {
		this.issuer = issuer;
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
				return current;
			}
			this.lastFetch = now;
			try {
				JWKSet loaded = JWKSet.parse(this.http.get(this.location.jwksUri())).toPublicJWKSet();
				this.keys = loaded;
				if (logger.isDebugEnabled()) {
					logger.debug("Loaded " + loaded.size() + " signing key(s) of issuer " + this.issuer);
				}
				return loaded;
			}
			catch (IOException | ParseException | RuntimeException ex) {
				logger.warn("Cannot load the signing keys of issuer " + this.issuer + " (" + ex.getMessage()
						+ "); keeping " + ((current != null) ? current.size() : 0) + " cached key(s), next attempt in "
						+ MIN_REFRESH_INTERVAL.toSeconds() + "s at the earliest");
				return current;
			}
		}
		finally {
			this.lock.unlock();
		}
	}

}
