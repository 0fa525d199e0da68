package dev.btpboot.security.exchange;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * IAS tokens whose exchange failed, remembered for {@link #PERIOD} so that a token XSUAA will not
 * exchange costs the token endpoint one request, and the log one WARN line, per period rather than
 * per request. Up to {@link #MAX_REMEMBERED} tokens (1 to 2 MB for tokens of typical size); when
 * that many are remembered and none has run out, the memory starts over. The tokens are held as the
 * {@code JwtDecoder}'s memory of verified tokens holds them, in this process only.
 */
final class RefusedExchanges {

	/** How long a failed exchange is answered from memory. */
	static final Duration PERIOD = Duration.ofSeconds(30);

	/** IAS tokens remembered at most. */
	static final int MAX_REMEMBERED = 1_000;

	private final Clock clock;

	/** When each remembered refusal runs out. */
	private final Map<String, Instant> refused = new ConcurrentHashMap<>();

	RefusedExchanges(Clock clock) {
		this.clock = clock;
	}

	/**
	 * @param iasToken a user's IAS token
	 * @return whether its exchange failed within the last {@link #PERIOD}
	 */
	boolean isRefused(String iasToken) {
		if (this.refused.isEmpty()) {
			return false;
		}
		Instant until = this.refused.get(iasToken);
		if (until == null) {
			return false;
		}
		if (this.clock.instant().isBefore(until)) {
			return true;
		}
		this.refused.remove(iasToken, until);
		return false;
	}

	/**
	 * Remembers a failed exchange.
	 * @param iasToken the user's IAS token
	 * @return whether it is news: no refusal of this token was remembered (another request may
	 * have failed with it at the same time)
	 */
	boolean remember(String iasToken) {
		Instant now = this.clock.instant();
		if (this.refused.size() >= MAX_REMEMBERED) {
			this.refused.values().removeIf((until) -> !now.isBefore(until));
			if (this.refused.size() >= MAX_REMEMBERED) {
				this.refused.clear();
			}
		}
		Instant before = this.refused.put(iasToken, now.plus(PERIOD));
		return before == null || !now.isBefore(before);
	}

}
