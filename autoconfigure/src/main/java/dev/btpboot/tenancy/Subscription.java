package dev.btpboot.tenancy;

import java.util.Objects;

/**
 * A tenant's subscription to this application, as the SaaS Provisioning service (or the
 * Subscription Manager) reports it in a subscription callback or its subscriptions API.
 *
 * @param tenantId the subscriber's tenant id (its zone id: XSUAA {@code zid}, IAS {@code app_tid})
 * @param subdomain the subscriber's subdomain, or {@code null} when unknown
 * @param subaccountId the subscriber's subaccount id, or {@code null} when unknown
 * @param globalAccountId the subscriber's global account id, or {@code null} when unknown
 */
public record Subscription(String tenantId, String subdomain, String subaccountId, String globalAccountId) {

	public Subscription {
		Objects.requireNonNull(tenantId, "tenantId");
	}

}
