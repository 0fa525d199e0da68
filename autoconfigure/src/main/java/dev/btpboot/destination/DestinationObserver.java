package dev.btpboot.destination;

/** Sees destination look-ups and the requests they make, for metrics. */
interface DestinationObserver {

	/** Sees nothing. */
	DestinationObserver NONE = new DestinationObserver() {
	};

	/** @return whether a cache hit is worth timing */
	default boolean timesHits() {
		return false;
	}

	/** @param nanos how long the cached find took */
	default void hit(long nanos) {
	}

	/**
	 * @param outcome {@code success}, {@code not_found}, {@code rejected} (the service refused),
	 * {@code error} (I/O, 5xx, an open circuit), {@code stale} (an error, served from the cache) or
	 * {@code unchanged} (the level's list showed the cached definition unchanged)
	 * @param nanos how long asking the service took, retries included
	 */
	default void lookedUp(String outcome, long nanos) {
	}

	/** @param kind {@code find} or {@code list}: one HTTP request to the Destination service */
	default void requested(String kind) {
	}

}
