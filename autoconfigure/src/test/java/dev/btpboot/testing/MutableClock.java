package dev.btpboot.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A clock that moves only when a test tells it to; shared by the tests of every feature. */
public final class MutableClock extends Clock {

	private volatile Instant now;

	/** @param start the time the clock shows until it is advanced */
	public MutableClock(Instant start) {
		this.now = start;
	}

	/** @param duration how far to move the clock forward */
	public synchronized void advance(Duration duration) {
		this.now = this.now.plus(duration);
	}

	@Override
	public Instant instant() {
		return this.now;
	}

	@Override
	public ZoneId getZone() {
		return ZoneOffset.UTC;
	}

	@Override
	public Clock withZone(ZoneId zone) {
		return this;
	}

}
