package dev.btpboot.data.tenant;

import dev.btpboot.tenancy.Subscription;
import dev.btpboot.tenancy.SubscriptionHook;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.core.Ordered;

/**
 * Gives a subscribing tenant its schema, migrated, before the subscription is reported as done;
 * migrates it again on an update; drops it on unsubscribe unless
 * {@code btp.tenancy.data.on-unsubscribe=retain}. Runs before the application's own hooks of
 * default order, so those find the tenant's tables.
 */
class TenantSchemaSubscriptionHook implements SubscriptionHook, Ordered {

	/** Before hooks of the default (lowest) precedence. */
	static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 1000;

	private static final Log logger = LogFactory.getLog(TenantSchemaSubscriptionHook.class);

	private final TenantSchemas schemas;

	private final TenantDataProperties.OnUnsubscribe onUnsubscribe;

	TenantSchemaSubscriptionHook(TenantSchemas schemas, TenantDataProperties.OnUnsubscribe onUnsubscribe) {
		this.schemas = schemas;
		this.onUnsubscribe = onUnsubscribe;
	}

	@Override
	public void subscribed(Subscription subscription) throws Exception {
		migrate(subscription);
	}

	@Override
	public void updated(Subscription subscription) throws Exception {
		migrate(subscription);
	}

	@Override
	public void unsubscribed(Subscription subscription) throws Exception {
		String schema = this.schemas.schemaOf(subscription.tenantId());
		if (this.onUnsubscribe == TenantDataProperties.OnUnsubscribe.RETAIN) {
			logger.info("Tenant '" + subscription.tenantId() + "' unsubscribed; its schema '" + schema
					+ "' is retained (btp.tenancy.data.on-unsubscribe=retain)");
			return;
		}
		this.schemas.drop(subscription.tenantId());
		logger.info("Tenant '" + subscription.tenantId() + "' unsubscribed; its schema '" + schema + "' was dropped");
	}

	private void migrate(Subscription subscription) throws Exception {
		int applied = this.schemas.migrate(subscription.tenantId());
		logger.info("Tenant '" + subscription.tenantId() + "': schema '" + this.schemas.schemaOf(subscription.tenantId())
				+ "' ready, " + applied + " migration(s) applied");
	}

	@Override
	public int getOrder() {
		return ORDER;
	}

}
