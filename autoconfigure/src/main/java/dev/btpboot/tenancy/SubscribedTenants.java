package dev.btpboot.tenancy;

import java.util.List;

/**
 * The tenants subscribed to this application, as the platform knows them (the SaaS registry's
 * subscriptions API), not as this instance remembers them: what jobs and start-up migrations loop
 * over.
 */
@FunctionalInterface
public interface SubscribedTenants {

	/**
	 * @return the current subscriptions
	 */
	List<Subscription> subscriptions();

}
