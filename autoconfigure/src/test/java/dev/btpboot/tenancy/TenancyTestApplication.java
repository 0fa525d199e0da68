package dev.btpboot.tenancy;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.btpboot.security.BtpUser;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.annotation.Order;

/**
 * A multitenant application with two subscription hooks: {@code first} records every event (with
 * the user it ran as and how many events of the same tenant ran at once) and can be told to wait
 * or to fail for a tenant; {@code second} records what reached it.
 */
@SpringBootConfiguration
@EnableAutoConfiguration(excludeName = "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration")
class TenancyTestApplication {

	@Bean
	@Order(1)
	RecordingHook first() {
		return new RecordingHook("first");
	}

	@Bean
	@Order(2)
	RecordingHook second() {
		return new RecordingHook("second");
	}

	/** Records the events it is told of. */
	static final class RecordingHook implements SubscriptionHook {

		final String name;

		final List<String> events = new CopyOnWriteArrayList<>();

		/** The tenants to fail for, with the message. */
		final Map<String, String> failures = new ConcurrentHashMap<>();

		/** The tenants whose events wait for the latch. */
		final Map<String, CountDownLatch> holds = new ConcurrentHashMap<>();

		final Map<String, AtomicInteger> running = new ConcurrentHashMap<>();

		final Set<String> overlapped = ConcurrentHashMap.newKeySet();

		/** Whether any event saw a user in the security context. */
		final List<String> users = new CopyOnWriteArrayList<>();

		RecordingHook(String name) {
			this.name = name;
		}

		@Override
		public void subscribed(Subscription subscription) throws Exception {
			record("subscribed", subscription);
		}

		@Override
		public void updated(Subscription subscription) throws Exception {
			record("updated", subscription);
		}

		@Override
		public void unsubscribed(Subscription subscription) throws Exception {
			record("unsubscribed", subscription);
		}

		private void record(String event, Subscription subscription) throws Exception {
			String tenant = subscription.tenantId();
			AtomicInteger now = this.running.computeIfAbsent(tenant, (t) -> new AtomicInteger());
			if (now.incrementAndGet() > 1) {
				this.overlapped.add(tenant);
			}
			try {
				BtpUser.current().ifPresent((user) -> this.users.add(user.name()));
				CountDownLatch hold = this.holds.get(tenant);
				if (hold != null && !hold.await(20, TimeUnit.SECONDS)) {
					throw new IllegalStateException("never released");
				}
				String failure = this.failures.get(tenant);
				if (failure != null) {
					throw new IllegalStateException(failure);
				}
				this.events.add(event + " " + tenant + " " + subscription.subdomain() + " "
						+ subscription.subaccountId() + " " + subscription.globalAccountId());
			}
			finally {
				now.decrementAndGet();
			}
		}

		void reset() {
			this.events.clear();
			this.failures.clear();
			this.holds.clear();
			this.overlapped.clear();
			this.users.clear();
		}

	}

}
