package dev.btpboot.samples.saasapi;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import dev.btpboot.tenancy.Subscription;
import dev.btpboot.tenancy.SubscriptionHook;

import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * What the application does when a tenant subscribes, updates or unsubscribes. The starter calls
 * it from the SaaS Provisioning callbacks, one event of a tenant at a time; a failure here fails
 * the subscription with this message, and the subscriber's administrator sees it in the cockpit.
 * <p>
 * The tenant's schema comes from the starter's data support ({@code btp.tenancy.data.isolation=schema}):
 * its own hook, ordered ahead of this one, creates the schema and runs the migrations of
 * {@code db/migration} in it, so that this hook, and the tenant's first request, find its tables;
 * an unsubscription drops it.
 */
@Component
@Order(100)
class TenantOnboarding implements SubscriptionHook {

	private static final Log logger = LogFactory.getLog(TenantOnboarding.class);

	@Override
	public void subscribed(Subscription subscription) {
		logger.info("Welcome, tenant " + subscription.tenantId() + " (" + subscription.subdomain() + ")");
	}

	@Override
	public void updated(Subscription subscription) {
		logger.info("Tenant " + subscription.tenantId() + " updated its subscription");
	}

	@Override
	public void unsubscribed(Subscription subscription) {
		logger.info("Goodbye, tenant " + subscription.tenantId());
	}

}
