package dev.btpboot.testing;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import org.slf4j.Marker;

/**
 * Lets the INFO lines of {@code dev.btpboot} through while the root logger of the tests stays at
 * WARN (see logback-test.xml). A level of its own for {@code dev.btpboot} would do the same, but
 * would also hide our DEBUG lines from a test that sets the root level to DEBUG to prove that no
 * secret is logged.
 */
public final class OwnInfoLinesFilter extends TurboFilter {

	@Override
	public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params,
			Throwable throwable) {
		boolean ownInfo = level != null && level.isGreaterOrEqual(Level.INFO)
				&& logger.getName().startsWith("dev.btpboot.");
		return ownInfo ? FilterReply.ACCEPT : FilterReply.NEUTRAL;
	}

}
