package dev.btpboot.tenancy;

import java.util.List;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.ObjectProvider;

/**
 * Applies subscribe, update and unsubscribe of a tenant: calls every {@link SubscriptionHook}
 * bean in their order, one event of a tenant at a time (events of different tenants run side by
 * side), then, once all succeeded, forgets an unsubscribed tenant's cached entries and makes the
 * {@link SubscribedTenants} read the platform again. The first hook that throws fails the event;
 * no later hook runs and nothing is reported as done.
 * <p>
 * Hooks run with no user in the security context, whether the callback is synchronous (the SaaS
 * Provisioning service's request thread) or asynchronous (a thread of its own): the same for
 * both. A hook that needs the tenant's tokens or destinations uses {@link TenantRunner#runAs}.
 */
final class SubscriptionLifecycle {

	private static final Log logger = LogFactory.getLog(SubscriptionLifecycle.class);

	private final ObjectProvider<SubscriptionHook> hooks;

	private final TenantLocks locks = new TenantLocks();

	private final TenantRunner runner;

	private final TenantEviction eviction;

	private final Runnable subscriptionsChanged;

	/**
	 * @param hooks the hooks, in their order
	 * @param runner clears the security context around the hooks
	 * @param eviction forgets an unsubscribed tenant's cached entries
	 * @param subscriptionsChanged called once an event succeeded
	 */
	SubscriptionLifecycle(ObjectProvider<SubscriptionHook> hooks, TenantRunner runner, TenantEviction eviction,
			Runnable subscriptionsChanged) {
		this.hooks = hooks;
		this.runner = runner;
		this.eviction = eviction;
		this.subscriptionsChanged = subscriptionsChanged;
	}

	/**
	 * @param event what happened
	 * @param subscription the tenant's subscription
	 * @throws SubscriptionFailedException when a hook fails
	 */
	void apply(SubscriptionEvent event, Subscription subscription) {
		this.locks.locked(subscription.tenantId(), () -> {
			long start = System.nanoTime();
			List<SubscriptionHook> ordered = this.hooks.orderedStream().toList();
			this.runner.withoutUser(() -> {
				for (SubscriptionHook hook : ordered) {
					call(event, subscription, hook);
				}
				return null;
			});
			if (event == SubscriptionEvent.UNSUBSCRIBE) {
				this.eviction.evict(subscription.tenantId());
			}
			this.subscriptionsChanged.run();
			logger.info(event.text() + " of tenant '" + subscription.tenantId() + "'"
					+ ((subscription.subdomain() != null) ? " (subdomain " + subscription.subdomain() + ")" : "")
					+ " done: " + ordered.size() + " hook(s) in " + (System.nanoTime() - start) / 1_000_000 + " ms");
			return null;
		});
	}

	private static void call(SubscriptionEvent event, Subscription subscription, SubscriptionHook hook) {
		try {
			switch (event) {
				case SUBSCRIBE -> hook.subscribed(subscription);
				case UPDATE -> hook.updated(subscription);
				case UNSUBSCRIBE -> hook.unsubscribed(subscription);
			}
		}
		catch (Exception ex) {
			SubscriptionFailedException failure = SubscriptionFailedException.inHook(event, subscription, hook, ex);
			logger.warn(failure.getMessage(), ex);
			throw failure;
		}
	}

}
