package dev.btpboot.token;

import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The small pool of daemon threads that renews tokens ahead of expiry. Not an {@link Executor}
 * bean on purpose: that would switch off Spring Boot's own task executor. Closed with the
 * application context.
 */
final class TokenRefresher implements AutoCloseable {

	private final ThreadPoolExecutor executor;

	TokenRefresher() {
		AtomicInteger count = new AtomicInteger();
		this.executor = new ThreadPoolExecutor(2, 2, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), (task) -> {
			Thread thread = new Thread(task, "btp-token-refresh-" + count.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		});
		this.executor.allowCoreThreadTimeOut(true);
	}

	Executor executor() {
		return this.executor;
	}

	boolean isShutdown() {
		return this.executor.isShutdown();
	}

	@Override
	public void close() {
		this.executor.shutdownNow();
	}

}
