package dev.btpboot.data.tenant;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How the data of subscribed tenants is kept apart.
 */
@ConfigurationProperties("btp.tenancy.data")
public class TenantDataProperties {

	/**
	 * How tenants' data is isolated: 'none' (the application's own business), or 'schema' (one
	 * PostgreSQL schema per tenant, created and migrated with the application's Flyway migrations
	 * on subscription, every pooled connection bound to the current tenant's schema).
	 */
	private Isolation isolation = Isolation.NONE;

	/**
	 * What happens to a tenant's schema when the tenant unsubscribes: 'drop' it with its data, or
	 * 'retain' it.
	 */
	private OnUnsubscribe onUnsubscribe = OnUnsubscribe.DROP;

	public Isolation getIsolation() {
		return this.isolation;
	}

	public void setIsolation(Isolation isolation) {
		this.isolation = isolation;
	}

	public OnUnsubscribe getOnUnsubscribe() {
		return this.onUnsubscribe;
	}

	public void setOnUnsubscribe(OnUnsubscribe onUnsubscribe) {
		this.onUnsubscribe = onUnsubscribe;
	}

	/** How tenants' data is isolated. */
	public enum Isolation {

		/** The starter does not separate tenants' data. */
		NONE,

		/** One PostgreSQL schema per tenant. */
		SCHEMA

	}

	/** What happens to a tenant's schema when it unsubscribes. */
	public enum OnUnsubscribe {

		/** The schema is dropped with all its data. */
		DROP,

		/** The schema is kept. */
		RETAIN

	}

}
