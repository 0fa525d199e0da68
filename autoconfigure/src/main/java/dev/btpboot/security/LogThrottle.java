package dev.btpboot.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * At most one log line per cause and interval, so that what a caller can provoke on every request
 * (a forged header, a refused token) costs the log one line a minute rather than one a request.
 * Up to {@link #MAX_CAUSES} causes are told apart per interval; beyond that, further new causes
 * stay quiet until one runs out.
 */
public final class LogThrottle {

	/** Causes told apart at most. */
	static final int MAX_CAUSES = 100;

	private final Clock clock;

	private final Duration interval;

	/** When each cause may be logged again. */
	private final Map<Object, Instant> quietUntil = new ConcurrentHashMap<>();

	/**
	 * @param clock the clock
	 * @param interval how long a cause stays quiet after it was logged
	 */
	public LogThrottle(Clock clock, Duration interval) {
		this.clock = clock;
		this.interval = interval;
	}

	/**
	 * @param cause what the line is about, compared by {@code equals}
	 * @return whether to log it now; the cause is then quiet for the interval
	 */
	public boolean permits(Object cause) {
		Instant now = this.clock.instant();
		if (this.quietUntil.size() >= MAX_CAUSES && !this.quietUntil.containsKey(cause)) {
			this.quietUntil.values().removeIf((until) -> !now.isBefore(until));
			if (this.quietUntil.size() >= MAX_CAUSES) {
				return false;
			}
		}
		boolean[] permitted = new boolean[1];
		this.quietUntil.compute(cause, (key, until) -> {
			if (until != null && now.isBefore(until)) {
				return until;
			}
			permitted[0] = true;
			return now.plus(this.interval);
		});
		return permitted[0];
	}

	/** @return how long a cause stays quiet after it was logged */
	public Duration interval() {
		return this.interval;
	}

}
