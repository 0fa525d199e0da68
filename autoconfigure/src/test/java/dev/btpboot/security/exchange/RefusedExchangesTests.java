package dev.btpboot.security.exchange;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import dev.btpboot.testing.MutableClock;

import static org.assertj.core.api.Assertions.assertThat;

/** The memory of failed exchanges: per token, for a period, within a bound. */
class RefusedExchangesTests {

	private final MutableClock clock = new MutableClock(Instant.parse("2025-01-01T00:00:00Z"));

	private final RefusedExchanges refusals = new RefusedExchanges(this.clock);

	@Test
	void aRefusalIsRememberedForThePeriodAndThenTheTokenIsAskedForAgain() {
		assertThat(this.refusals.isRefused("token-a")).isFalse();
		assertThat(this.refusals.remember("token-a")).isTrue();
		assertThat(this.refusals.isRefused("token-a")).isTrue();
		assertThat(this.refusals.isRefused("token-b")).isFalse();
		this.clock.advance(RefusedExchanges.PERIOD.minusSeconds(1));
		assertThat(this.refusals.isRefused("token-a")).isTrue();
		this.clock.advance(Duration.ofSeconds(1));
		assertThat(this.refusals.isRefused("token-a")).isFalse();
	}

	@Test
	void aRefusalIsNewsOnlyWhenNoneOfTheSameTokenIsRemembered() {
		assertThat(this.refusals.remember("token-a")).isTrue();
		assertThat(this.refusals.remember("token-a")).isFalse();
		this.clock.advance(RefusedExchanges.PERIOD);
		assertThat(this.refusals.remember("token-a")).isTrue();
	}

	@Test
	void aFullMemoryDropsRunOutRefusalsFirstAndStartsOverOnlyWhenNoneHasRunOut() {
		this.refusals.remember("old");
		this.clock.advance(RefusedExchanges.PERIOD);
		for (int i = 1; i < RefusedExchanges.MAX_REMEMBERED; i++) {
			this.refusals.remember("token-" + i);
		}
		this.refusals.remember("one-more");
		assertThat(this.refusals.isRefused("token-1")).isTrue();
		assertThat(this.refusals.isRefused("one-more")).isTrue();
		this.refusals.remember("over-the-bound");
		assertThat(this.refusals.isRefused("token-1")).isFalse();
		assertThat(this.refusals.isRefused("one-more")).isFalse();
		assertThat(this.refusals.isRefused("over-the-bound")).isTrue();
	}

}
