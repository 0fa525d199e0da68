package dev.btpboot.token;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How the starter obtains, caches and renews OAuth tokens ({@code btp.token.*}).
 */
@ConfigurationProperties("btp.token")
public class TokenProperties {

	/**
	 * Fraction of a token's lifetime after which it is renewed in the background while callers
	 * keep getting the current token.
	 */
	private double refreshAhead = 0.8;

	/**
	 * A token this close to its expiry is never handed out; callers wait for a new one instead.
	 */
	private Duration expiryMargin = Duration.ofSeconds(60);

	/**
	 * Timeout for establishing the connection to a token endpoint.
	 */
	private Duration connectTimeout = Duration.ofSeconds(5);

	/**
	 * Timeout for the response of a token endpoint, per attempt.
	 */
	private Duration readTimeout = Duration.ofSeconds(10);

	private final Cache cache = new Cache();

	private final Retry retry = new Retry();

	public double getRefreshAhead() {
		return this.refreshAhead;
	}

	public void setRefreshAhead(double refreshAhead) {
		if (refreshAhead <= 0 || refreshAhead > 1) {
			throw new IllegalArgumentException("btp.token.refresh-ahead must be in (0, 1], was " + refreshAhead);
		}
		this.refreshAhead = refreshAhead;
	}

	public Duration getExpiryMargin() {
		return this.expiryMargin;
	}

	public void setExpiryMargin(Duration expiryMargin) {
		this.expiryMargin = expiryMargin;
	}

	public Duration getConnectTimeout() {
		return this.connectTimeout;
	}

	public void setConnectTimeout(Duration connectTimeout) {
		this.connectTimeout = connectTimeout;
	}

	public Duration getReadTimeout() {
		return this.readTimeout;
	}

	public void setReadTimeout(Duration readTimeout) {
		this.readTimeout = readTimeout;
	}

	public Cache getCache() {
		return this.cache;
	}

	public Retry getRetry() {
		return this.retry;
	}

	/** The token cache. */
	public static class Cache {

		/**
		 * Maximum number of tokens kept, over all tenants and user assertions of one service.
		 */
		private int maxSize = 10000;

		public int getMaxSize() {
			return this.maxSize;
		}

		public void setMaxSize(int maxSize) {
			if (maxSize < 1) {
				throw new IllegalArgumentException("btp.token.cache.max-size must be at least 1, was " + maxSize);
			}
			this.maxSize = maxSize;
		}

	}

	/** Retries of token requests on I/O errors, 408, 429 and 5xx. */
	public static class Retry {

		/**
		 * Attempts per token request, the first included; 1 switches retries off.
		 */
		private int maxAttempts = 3;

		/**
		 * Wait before the second attempt; doubled for each further attempt, with jitter.
		 */
		private Duration initialBackoff = Duration.ofMillis(200);

		/**
		 * Longest wait between attempts. A Retry-After longer than this ends the retries.
		 */
		private Duration maxBackoff = Duration.ofSeconds(5);

		public int getMaxAttempts() {
			return this.maxAttempts;
		}

		public void setMaxAttempts(int maxAttempts) {
			if (maxAttempts < 1) {
				throw new IllegalArgumentException(
						"btp.token.retry.max-attempts must be at least 1, was " + maxAttempts);
			}
			this.maxAttempts = maxAttempts;
		}

		public Duration getInitialBackoff() {
			return this.initialBackoff;
		}

		public void setInitialBackoff(Duration initialBackoff) {
			this.initialBackoff = initialBackoff;
		}

		public Duration getMaxBackoff() {
			return this.maxBackoff;
		}

		public void setMaxBackoff(Duration maxBackoff) {
			this.maxBackoff = maxBackoff;
		}

	}

}
