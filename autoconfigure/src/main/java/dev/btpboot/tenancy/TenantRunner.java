package dev.btpboot.tenancy;

import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;

import dev.btpboot.security.BtpUser;

import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;

/**
 * Runs work as a subscribed tenant's technical caller, as jobs that loop over the
 * {@link SubscribedTenants} do: within it the current user is a technical {@link BtpUser} of the
 * tenant, so tokens ({@code x-zid}), destinations, connectivity and data resolve to that tenant,
 * exactly as in a request of one of its users. The caller's own security context is restored
 * afterwards.
 * <pre>{@code
 * for (Subscription tenant : subscribedTenants.subscriptions()) {
 *     tenantRunner.runAs(tenant, () -> reports.refresh());
 * }
 * }</pre>
 * Reactor pipelines run as a tenant through {@link ReactiveTenantRunner}.
 */
public class TenantRunner {

	/** The name of the technical caller work runs as. */
	public static final String CALLER = "tenant-runner";

	private final SecurityContextHolderStrategy contexts = SecurityContextHolder.getContextHolderStrategy();

	/**
	 * @param tenant the tenant to run as
	 * @param work the work
	 * @return what the work returns
	 */
	public <T> T runAs(Subscription tenant, Supplier<T> work) {
		Objects.requireNonNull(tenant, "tenant");
		return within(callerAuthentication(tenant), work);
	}

	/**
	 * @param tenant the tenant to run as
	 * @param work the work
	 */
	public void runAs(Subscription tenant, Runnable work) {
		runAs(tenant, () -> {
			work.run();
			return null;
		});
	}

	/**
	 * @param tenant a tenant
	 * @return the technical caller work for the tenant runs as
	 */
	public BtpUser callerOf(Subscription tenant) {
		return new BtpUser(CALLER, tenant.tenantId(), tenant.subdomain(), Set.of(), null, null, null, true);
	}

	/** Runs work with no user at all, whatever the calling thread's context, and restores that context. */
	<T> T withoutUser(Supplier<T> work) {
		return within(null, work);
	}

	private <T> T within(Authentication authentication, Supplier<T> work) {
		SecurityContext previous = this.contexts.getContext();
		SecurityContext context = this.contexts.createEmptyContext();
		context.setAuthentication(authentication);
		this.contexts.setContext(context);
		try {
			return work.get();
		}
		finally {
			this.contexts.setContext(previous);
		}
	}

	/**
	 * @param tenant a tenant
	 * @return the authentication of the tenant's technical caller, as work run for the tenant has it
	 */
	public Authentication callerAuthentication(Subscription tenant) {
		return new TenantCallerAuthentication(callerOf(tenant));
	}

	/** The authentication of a tenant's technical caller: authenticated by the application itself. */
	private static final class TenantCallerAuthentication extends AbstractAuthenticationToken {

		private final BtpUser caller;

		TenantCallerAuthentication(BtpUser caller) {
			super(caller.authorities());
			this.caller = caller;
			setAuthenticated(true);
		}

		@Override
		public Object getCredentials() {
			return null;
		}

		@Override
		public Object getPrincipal() {
			return this.caller;
		}

	}

}
