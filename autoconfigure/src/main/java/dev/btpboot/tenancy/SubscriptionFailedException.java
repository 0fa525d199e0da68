package dev.btpboot.tenancy;

import org.springframework.util.ClassUtils;

/**
 * A subscription, update or unsubscription of a tenant failed: a hook threw, or the subscription
 * cannot be answered. The message names the tenant, the step and the hook's own message, never
 * the payload; it is what the SaaS Provisioning service is told.
 */
final class SubscriptionFailedException extends RuntimeException {

	/** Longest hook message passed on: the registry shows it to the subscriber's administrator. */
	private static final int MAX_DETAIL = 500;

	SubscriptionFailedException(String message, Throwable cause) {
		super(message, cause);
	}

	/**
	 * @param event what was done
	 * @param subscription the tenant's subscription
	 * @param hook the hook that failed
	 * @param cause what it threw
	 * @return the failure
	 */
	static SubscriptionFailedException inHook(SubscriptionEvent event, Subscription subscription, Object hook,
			Throwable cause) {
		String detail = (cause.getMessage() != null) ? cause.getMessage() : cause.getClass().getSimpleName();
		detail = detail.replaceAll("\\p{Cntrl}", " ");
		if (detail.length() > MAX_DETAIL) {
			detail = detail.substring(0, MAX_DETAIL) + "...";
		}
		return new SubscriptionFailedException(event.text() + " of tenant '" + subscription.tenantId()
				+ "' failed in hook " + hookName(hook) + ": " + detail, cause);
	}

	static String hookName(Object hook) {
		Class<?> type = ClassUtils.getUserClass(hook);
		return type.isAnonymousClass() || type.isSynthetic() ? type.getName() : type.getSimpleName();
	}

}
