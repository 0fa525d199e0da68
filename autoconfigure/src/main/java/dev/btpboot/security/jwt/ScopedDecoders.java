package dev.btpboot.security.jwt;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Predicate;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/**
 * The decoders of one trusted issuer, one per key scope (an XSUAA zone; an IAS issuer with tenant
 * and client), each with keys of its own. A scope's decoder is kept once a token verified with it
 * (up to {@link #MAX_KEPT}; when full, the least recently used goes). A scope not verified yet
 * gets a trial decoder for {@link #TRIAL_TIME}, and trials are rationed: {@link #NEW_SCOPES_BURST}
 * at once, then one per {@link #NEW_SCOPE_INTERVAL}. So tokens that name made-up issuers or
 * tenants cost a bounded number of key requests per minute and cannot lock out any scope for
 * longer than the ration takes to refill; scopes already verified are never affected. Refusals
 * are logged at most once a minute.
 *
 * @param <K> the key scope
 */
final class ScopedDecoders<K> {

	/** Verified scopes kept. */
	static final int MAX_KEPT = 1000;

	/** Trials of new scopes that may start at once. */
	static final int NEW_SCOPES_BURST = 20;

	/** After a burst, one more trial may start per interval. */
	static final Duration NEW_SCOPE_INTERVAL = Duration.ofSeconds(3);

	/** How long a trial's decoder (and the keys it loaded or failed to load) is reused. */
	static final Duration TRIAL_TIME = Duration.ofMinutes(1);

	static final Duration LOG_INTERVAL = Duration.ofMinutes(1);

	private static final Log logger = LogFactory.getLog(ScopedDecoders.class);

	private final String kinds;

	private final Function<K, NimbusJwtDecoder> factory;

	private final Clock clock;

	private final int maxKept;

	private final Map<K, Kept> kept = new ConcurrentHashMap<>();

	private final Object lock = new Object();

	// The fields below are guarded by lock.

	private final Map<K, Trial> trials = new HashMap<>();

	/** When the ration is full again (GCRA's theoretical arrival time); {@code null}: full now. */
	private Instant rationFullAt;

	private Instant lastLog;

	private int refusedOverRation;

	private int refusedWithoutKeys;

	private String lastDetail;

	/**
	 * @param kinds what the scopes are, for log messages, such as {@code "XSUAA zones"}
	 * @param factory makes the decoder of a scope (no I/O: keys are loaded when first needed)
	 */
	ScopedDecoders(String kinds, Function<K, NimbusJwtDecoder> factory, Clock clock) {
		this(kinds, factory, clock, MAX_KEPT);
	}

	/** @param maxKept verified scopes kept, {@link #MAX_KEPT} but in tests of the eviction */
	ScopedDecoders(String kinds, Function<K, NimbusJwtDecoder> factory, Clock clock, int maxKept) {
		this.kinds = kinds;
		this.factory = factory;
		this.clock = clock;
		this.maxKept = maxKept;
	}

	/**
	 * Verifies a token with the decoder of its scope.
	 * @throws JwtException when it is not valid; {@link UntrustedTokenException} with a fixed
	 * message when the scope's keys are refused or unavailable or no new scope may be tried now
	 */
	Jwt decode(K scope, String token) {
		Kept known = this.kept.get(scope);
		if (known != null) {
			known.lastUsed = this.clock.millis();
			return decode(known.decoder, token);
		}
		NimbusJwtDecoder trial = trial(scope);
		Jwt jwt;
		try {
			jwt = decode(trial, token);
		}
		catch (KeysUnavailableException ex) {
			synchronized (this.lock) {
				this.refusedWithoutKeys++;
				this.lastDetail = ex.detail();
				report(this.clock.instant());
			}
			throw ex;
		}
		keep(scope, trial);
		return jwt;
	}

	/**
	 * Forgets the decoders (and so the keys) of the scopes that match, verified or on trial.
	 * @param scopes which scopes to forget
	 * @return how many were forgotten
	 */
	int evict(Predicate<K> scopes) {
		synchronized (this.lock) {
			int before = this.kept.size() + this.trials.size();
			this.kept.keySet().removeIf(scopes);
			this.trials.keySet().removeIf(scopes);
			return before - this.kept.size() - this.trials.size();
		}
	}

	/** Unwraps our own refusals, which Nimbus' decoder wraps in a message that quotes them. */
	private static Jwt decode(NimbusJwtDecoder decoder, String token) {
		try {
			return decoder.decode(token);
		}
		catch (JwtException ex) {
			if (ex.getCause() instanceof UntrustedTokenException untrusted) {
				throw untrusted;
			}
			throw ex;
		}
	}

	private NimbusJwtDecoder trial(K scope) {
		synchronized (this.lock) {
			Instant now = this.clock.instant();
			this.trials.values().removeIf((trial) -> !now.isBefore(trial.started.plus(TRIAL_TIME)));
			Trial trial = this.trials.get(scope);
			if (trial != null) {
				return trial.decoder;
			}
			if (!takeFromRation(now)) {
				this.refusedOverRation++;
				report(now);
				throw new UntrustedTokenException("Too many tokens of new issuers or tenants at once; try again later");
			}
			trial = new Trial(this.factory.apply(scope), now);
			this.trials.put(scope, trial);
			return trial.decoder;
		}
	}

	private boolean takeFromRation(Instant now) {
		Instant base = (this.rationFullAt == null || this.rationFullAt.isBefore(now)) ? now : this.rationFullAt;
		if (!base.minus(NEW_SCOPE_INTERVAL.multipliedBy(NEW_SCOPES_BURST)).isBefore(now)) {
			return false;
		}
		this.rationFullAt = base.plus(NEW_SCOPE_INTERVAL);
		return true;
	}

	private void keep(K scope, NimbusJwtDecoder decoder) {
		synchronized (this.lock) {
			this.trials.remove(scope);
			if (this.kept.containsKey(scope)) {
				return;
			}
			if (this.kept.size() >= this.maxKept) {
				this.kept.entrySet()
					.stream()
					.min((a, b) -> Long.compare(a.getValue().lastUsed, b.getValue().lastUsed))
					.ifPresent((oldest) -> this.kept.remove(oldest.getKey()));
			}
			this.kept.put(scope, new Kept(decoder, this.clock.millis()));
		}
	}

	private void report(Instant now) {
		if (this.lastLog != null && now.isBefore(this.lastLog.plus(LOG_INTERVAL))) {
			return;
		}
		StringBuilder message = new StringBuilder("Refused token(s) of ").append(this.kinds)
			.append(" not verified before");
		message.append((this.lastLog != null) ? " in the last " + Duration.between(this.lastLog, now).toMinutes()
				+ " minute(s)" : "");
		message.append(": ").append(this.refusedOverRation).append(" because no more than ").append(NEW_SCOPES_BURST)
			.append(" new ones at once and 1 per ").append(NEW_SCOPE_INTERVAL.toSeconds()).append("s are tried, ")
			.append(this.refusedWithoutKeys).append(" without signing keys");
		if (this.lastDetail != null) {
			message.append(" (last: ").append(this.lastDetail).append(')');
		}
		logger.warn(message);
		this.lastLog = now;
		this.refusedOverRation = 0;
		this.refusedWithoutKeys = 0;
		this.lastDetail = null;
	}

	/** A verified scope's decoder. */
	private static final class Kept {

		final NimbusJwtDecoder decoder;

		volatile long lastUsed;

		Kept(NimbusJwtDecoder decoder, long lastUsed) {
			this.decoder = decoder;
			this.lastUsed = lastUsed;
		}

	}

	private record Trial(NimbusJwtDecoder decoder, Instant started) {
	}

}
