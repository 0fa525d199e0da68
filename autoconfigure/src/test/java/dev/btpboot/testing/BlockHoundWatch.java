package dev.btpboot.testing;

import java.lang.management.ManagementFactory;

import reactor.blockhound.BlockHound;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * BlockHound for the tests that prove no Reactor Netty event-loop thread blocks. BlockHound stays
 * installed for the JVM's life, so these tests run in the surefire execution {@code blockhound}
 * (a JVM of its own, with the flag BlockHound needs on JDK 13+); elsewhere they are skipped.
 */
public final class BlockHoundWatch {

	/** The path of {@link BlockingController}: public in the tests' applications. */
	public static final String BLOCKING_PATH = "/public/blocking";

	private BlockHoundWatch() {
	}

	/** Installs BlockHound in the surefire execution {@code blockhound}; skips the test class elsewhere. */
	public static void install() {
		assumeTrue(ManagementFactory.getRuntimeMXBean().getInputArguments()
			.contains("-XX:+AllowRedefinitionToAddDeleteMethods"), "BlockHound runs in the surefire execution 'blockhound'");
		BlockHound.install();
	}

	/**
	 * Blocks the thread that handles an anonymous request: Reactor Netty's event loop. A test that
	 * imports it and gets a server error at {@link #BLOCKING_PATH} shows that the watch is real.
	 */
	@RestController
	public static class BlockingController {

		@GetMapping(BLOCKING_PATH)
		String blocking() throws InterruptedException {
			Thread.sleep(1);
			return "blocked";
		}

	}

}
