package dev.btpboot.tenancy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The {@link SubscribedTenants} of the SaaS registry's subscriptions API: read page by page,
 * reused for {@code btp.tenancy.subscriptions.ttl}, and read by one caller at a time (the others
 * wait for its answer). A subscription or unsubscription through this instance makes the next
 * call read again.
 */
final class RegistrySubscribedTenants implements SubscribedTenants {

	private final SaasRegistryClient registry;

	private final Duration ttl;

	private final Clock clock;

	private final Object reading = new Object();

	private volatile Read last;

	/** Counts the changes made through this instance, so that a read that overlaps one is not kept. */
	private volatile long changes;

	RegistrySubscribedTenants(SaasRegistryClient registry, Duration ttl, Clock clock) {
		this.registry = registry;
		this.ttl = ttl;
		this.clock = clock;
	}

	/**
	 * @throws SaasRegistryClient.SaasRegistryException when the registry cannot be read
	 */
	@Override
	public List<Subscription> subscriptions() {
		Read read = this.last;
		if (read != null && this.clock.instant().isBefore(read.until())) {
			return read.subscriptions();
		}
		synchronized (this.reading) {
			read = this.last;
			if (read != null && this.clock.instant().isBefore(read.until())) {
				return read.subscriptions();
			}
			long changesBefore = this.changes;
			List<Subscription> subscriptions = List.copyOf(this.registry.subscriptions());
			if (this.changes == changesBefore) {
				this.last = new Read(subscriptions, this.clock.instant().plus(this.ttl));
			}
			return subscriptions;
		}
	}

	/** A tenant subscribed or unsubscribed: the next call reads the registry again. */
	void changed() {
		this.changes++;
		this.last = null;
	}

	private record Read(List<Subscription> subscriptions, Instant until) {
	}

}
