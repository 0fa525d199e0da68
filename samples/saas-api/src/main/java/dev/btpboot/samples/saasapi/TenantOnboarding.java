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
 * A schema per tenant comes from the starter's data support ({@code btp.tenancy.data.isolation=schema}):
 * its hook creates the tenant's schema and runs the migrations of {@code db/tenant} before this
 * one, and drops it after an unsubscription. This hook only logs, so the sample runs without a
 * database.
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
