package dev.btpboot.tenancy;

/**
 * Told of every subscribe, update and unsubscribe of a tenant, before the subscription is reported
 * as done. Every bean of this type is called, in their order ({@code @Order} or {@code Ordered});
 * a hook that throws fails the subscription with its message, and no later hook runs. Calls for
 * one tenant never overlap, and may repeat: a hook must be idempotent.
 */
public interface SubscriptionHook {

	/**
	 * A tenant subscribed.
	 * @param subscription the subscription
	 * @throws Exception when the tenant cannot be served; the subscription fails
	 */
	default void subscribed(Subscription subscription) throws Exception {
	}

	/**
	 * A subscribed tenant's subscription was updated (for example, its dependencies).
	 * @param subscription the subscription
	 * @throws Exception when the update cannot be applied; the update fails
	 */
	default void updated(Subscription subscription) throws Exception {
	}

	/**
	 * A tenant unsubscribed.
	 * @param subscription the subscription that ends
	 * @throws Exception when the tenant's data cannot be removed; the unsubscription fails
	 */
	default void unsubscribed(Subscription subscription) throws Exception {
	}

}
