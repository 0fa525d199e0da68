package dev.btpboot.token;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The one retry rule of the starter's HTTP calls to BTP services (token endpoints, the
 * Destination service): which answers are worth another attempt, and how long to wait before it.
 */
public final class HttpRetries {

	private HttpRetries() {
	}

	/**
	 * @param status an HTTP status other than success
	 * @return whether another attempt may succeed: 408, 429 and every 5xx
	 */
	public static boolean isRetryable(int status) {
		return status == 408 || status == 429 || status >= 500;
	}

	/**
	 * @param retry the configured backoff ({@code btp.token.retry.*})
	 * @param attempt the attempt that just failed, from 1
	 * @return an exponential backoff capped at {@code max-backoff}, with jitter in its upper half
	 */
	public static Duration backoff(TokenProperties.Retry retry, int attempt) {
		long base = retry.getInitialBackoff().toMillis() << Math.min(attempt - 1, 20);
		long capped = Math.min(base, retry.getMaxBackoff().toMillis());
		// Jitter keeps the instances of an application from retrying in lock-step.
		return Duration.ofMillis(capped / 2 + ThreadLocalRandom.current().nextLong(capped / 2 + 1));
	}

}
