package dev.btpboot.connectivity.socks;

import java.time.Duration;

/**
 * When connect plus handshake must be done: after {@code btp.connectivity.proxy.connect-timeout},
 * or the caller's connect timeout when that is shorter. Fixed when the connect starts, so a proxy
 * that answers a byte at a time cannot stretch it.
 */
final class Deadline {

	private final long end;

	private final long millis;

	private final String source;

	private Deadline(long millis, String source) {
		this.end = System.nanoTime() + millis * 1_000_000L;
		this.millis = millis;
		this.source = source;
	}

	/**
	 * @param connectTimeout {@code btp.connectivity.proxy.connect-timeout} (positive)
	 * @param callerTimeout the caller's connect timeout in milliseconds, {@code 0} for none
	 * @return a deadline starting now
	 */
	static Deadline of(Duration connectTimeout, int callerTimeout) {
		// No Duration.toMillis(): it overflows for absurdly long durations.
		long configured = Math.min(connectTimeout.getSeconds(), Integer.MAX_VALUE / 1000) * 1000
				+ connectTimeout.getNano() / 1_000_000;
		if (callerTimeout > 0 && callerTimeout < configured) {
			return new Deadline(callerTimeout, "the caller's connect timeout");
		}
		return new Deadline(Math.max(1, configured), "btp.connectivity.proxy.connect-timeout");
	}

	/** @return milliseconds left, at least 1; {@code 0} once the deadline has passed */
	int remainingMillis() {
		long left = this.end - System.nanoTime();
		return (left <= 0) ? 0 : (int) Math.min(Integer.MAX_VALUE, Math.max(1, left / 1_000_000L));
	}

	/** @return what the deadline is and where it comes from, for messages */
	String describe() {
		return "connect and handshake must finish within " + this.millis + " ms (" + this.source + ")";
	}

}
