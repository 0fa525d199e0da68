package dev.btpboot.samples.saasapi;

import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import dev.btpboot.tenancy.SubscribedTenants;
import dev.btpboot.tenancy.Subscription;
import dev.btpboot.tenancy.TenantRunner;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;

/**
 * A job for every subscribed tenant: the tenants come from the platform (the SaaS registry), and
 * each run is the tenant's technical caller ({@link TenantRunner#runAs}), so the backend client
 * reaches that tenant's backend with that tenant's credentials.
 */
@Component
class BackendSync {

	private static final Log logger = LogFactory.getLog(BackendSync.class);

	private final ObjectProvider<SubscribedTenants> tenants;

	private final TenantRunner runner;

	private final Backend backend;

	BackendSync(ObjectProvider<SubscribedTenants> tenants, TenantRunner runner, Backend backend) {
		this.tenants = tenants;
		this.runner = runner;
		this.backend = backend;
	}

	@Scheduled(fixedDelayString = "${saas-api.sync-interval:PT15M}", initialDelayString = "${saas-api.sync-interval:PT15M}")
	void scheduled() {
		if (this.tenants.getIfAvailable() != null && this.backend.client().isPresent()) {
			logger.info("Backends synchronised: " + syncAll());
		}
	}

	/** @return per tenant id, the size of its backend's items, or why they could not be read */
	Map<String, String> syncAll() {
		Map<String, String> outcome = new LinkedHashMap<>();
		RestClient client = this.backend.client().orElseThrow();
		for (Subscription tenant : this.tenants.getObject().subscriptions()) {
			try {
				String items = this.runner.runAs(tenant, () -> client.get().uri("/items").retrieve().body(String.class));
				outcome.put(tenant.tenantId(), (items != null) ? items.length() + " characters" : "empty");
			}
			catch (RuntimeException ex) {
				outcome.put(tenant.tenantId(), "failed: " + ex.getMessage());
			}
		}
		return outcome;
	}

}
