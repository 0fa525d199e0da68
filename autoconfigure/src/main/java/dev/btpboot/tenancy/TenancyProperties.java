package dev.btpboot.tenancy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * SaaS multitenancy ({@code btp.tenancy.*}): the subscription callbacks of the SAP SaaS
 * Provisioning service, the tenants subscribed to the application and who may see them.
 */
@ConfigurationProperties("btp.tenancy")
public class TenancyProperties {

	/**
	 * The URL of a subscriber's application, returned to the SaaS Provisioning service when a
	 * tenant subscribes: a template with {subdomain} and {tenantId}, such as
	 * https://{subdomain}.saas-api.cfapps.eu10.hana.ondemand.com. Required with a saas-registry
	 * binding.
	 */
	private String tenantUrl;

	/** Base path of the subscription callbacks (PUT and DELETE tenants/{tenantId}, GET dependencies). */
	private String callbackPath = "/callback/v1.0";

	/**
	 * The xsappname of further reuse services the application depends on, named in the
	 * dependencies callback besides the bound destination and connectivity services.
	 */
	private List<String> dependencies = new ArrayList<>();

	/**
	 * The role (authority) of users of the provider's own zone who may see /actuator/tenants;
	 * without it only technical callers of the provider's zone may.
	 */
	private String operatorRole;

	/** The list of subscribed tenants read from the SaaS registry. */
	private final Subscriptions subscriptions = new Subscriptions();

	public String getTenantUrl() {
		return this.tenantUrl;
	}

	public void setTenantUrl(String tenantUrl) {
		this.tenantUrl = tenantUrl;
	}

	public String getCallbackPath() {
		return this.callbackPath;
	}

	public void setCallbackPath(String callbackPath) {
		this.callbackPath = callbackPath;
	}

	public List<String> getDependencies() {
		return this.dependencies;
	}

	public void setDependencies(List<String> dependencies) {
		this.dependencies = dependencies;
	}

	public String getOperatorRole() {
		return this.operatorRole;
	}

	public void setOperatorRole(String operatorRole) {
		this.operatorRole = operatorRole;
	}

	public Subscriptions getSubscriptions() {
		return this.subscriptions;
	}

	/** The list of subscribed tenants read from the SaaS registry's subscriptions API. */
	public static class Subscriptions {

		/**
		 * How long the list read from the SaaS registry is reused before it is read again; a
		 * subscription or unsubscription through this instance reads it again at once.
		 */
		private Duration ttl = Duration.ofMinutes(1);

		public Duration getTtl() {
			return this.ttl;
		}

		public void setTtl(Duration ttl) {
			this.ttl = ttl;
		}

	}

}
