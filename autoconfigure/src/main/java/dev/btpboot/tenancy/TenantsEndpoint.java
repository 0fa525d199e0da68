package dev.btpboot.tenancy;

import java.util.List;

import org.springframework.boot.actuate.endpoint.OperationResponseBody;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;

/**
 * {@code /actuator/tenants}: the tenants subscribed to the application, as the platform knows them
 * ({@link SubscribedTenants}). For the provider's own operators only ({@link TenancyCallers}); a
 * subscriber's user never sees the customer list. Exposed like every endpoint, with
 * {@code management.endpoints.web.exposure.include}.
 */
@Endpoint(id = "tenants")
public class TenantsEndpoint {

	private final SubscribedTenants tenants;

	/**
	 * @param tenants the subscribed tenants
	 */
	public TenantsEndpoint(SubscribedTenants tenants) {
		this.tenants = tenants;
	}

	/** @return the subscribed tenants */
	@ReadOperation
	public TenantsDescriptor tenants() {
		return new TenantsDescriptor(this.tenants.subscriptions());
	}

	/**
	 * The subscribed tenants.
	 *
	 * @param tenants one entry per subscription
	 */
	public record TenantsDescriptor(List<Subscription> tenants) implements OperationResponseBody {
	}

}
