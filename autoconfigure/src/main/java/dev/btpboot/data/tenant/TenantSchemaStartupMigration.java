package dev.btpboot.data.tenant;

import java.util.ArrayList;
import java.util.List;

import dev.btpboot.tenancy.SubscribedTenants;
import dev.btpboot.tenancy.Subscription;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;

/**
 * At start-up, before the application takes requests, migrates the schema of every tenant the
 * platform reports as subscribed ({@link SubscribedTenants}, when the application has such a
 * bean), one after the other: each is reported, one that fails does not stop the others, and a
 * start that was interrupted resumes where it stopped (each tenant's schema history says what
 * remains). A failed tenant is migrated again at the next start or subscription update.
 */
class TenantSchemaStartupMigration implements SmartInitializingSingleton {

	private static final Log logger = LogFactory.getLog(TenantSchemaStartupMigration.class);

	private final TenantSchemas schemas;

	private final ObjectProvider<SubscribedTenants> subscribedTenants;

	TenantSchemaStartupMigration(TenantSchemas schemas, ObjectProvider<SubscribedTenants> subscribedTenants) {
		this.schemas = schemas;
		this.subscribedTenants = subscribedTenants;
	}

	@Override
	public void afterSingletonsInstantiated() {
		SubscribedTenants tenants = this.subscribedTenants.getIfAvailable();
		if (tenants == null) {
			logger.debug("No SubscribedTenants bean: tenants' schemas are migrated when they subscribe or update");
			return;
		}
		List<Subscription> subscriptions;
		try {
			subscriptions = tenants.subscriptions();
		}
		catch (RuntimeException ex) {
			logger.warn("The subscribed tenants could not be listed (" + ex.getClass().getSimpleName() + ": "
					+ ex.getMessage() + "); no tenant schema was migrated at start-up. They are migrated at the next "
					+ "start or when a tenant's subscription is updated.");
			return;
		}
		migrate(subscriptions);
	}

	private void migrate(List<Subscription> subscriptions) {
		List<String> failed = new ArrayList<>();
		int applied = 0;
		for (Subscription subscription : subscriptions) {
			String tenant = subscription.tenantId();
			try {
				int count = this.schemas.migrate(tenant);
				applied += count;
				logger.info("Tenant '" + tenant + "': schema '" + this.schemas.schemaOf(tenant) + "' "
						+ ((count == 0) ? "up to date" : count + " migration(s) applied"));
			}
			catch (Exception ex) {
				failed.add(tenant);
				logger.warn("Tenant '" + tenant + "': migrating schema '" + this.schemas.schemaOf(tenant)
						+ "' failed; the other tenants go on. " + ex.getClass().getSimpleName() + ": "
						+ ex.getMessage());
			}
		}
		String summary = "Tenant schemas at start-up: " + subscriptions.size() + " subscribed tenant(s), " + applied
				+ " migration(s) applied";
		if (failed.isEmpty()) {
			logger.info(summary);
		}
		else {
			logger.warn(summary + ", failed for " + failed + "; they are migrated again at the next start or "
					+ "subscription update");
		}
	}

}
