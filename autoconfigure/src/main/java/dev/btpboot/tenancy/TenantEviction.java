package dev.btpboot.tenancy;

import java.util.List;
import java.util.function.Consumer;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Forgets everything the starter keeps for a tenant that unsubscribed: its tokens (and those
 * exchanged for its users) in every token provider, its destinations, and the signing keys and
 * verified tokens of its zone. A step that fails is logged and the others still run: the tenant is
 * gone either way.
 */
final class TenantEviction {

	private static final Log logger = LogFactory.getLog(TenantEviction.class);

	private final List<Consumer<String>> caches;

	/**
	 * @param caches each forgets a tenant's entries of one cache, given the tenant's id
	 */
	TenantEviction(List<Consumer<String>> caches) {
		this.caches = List.copyOf(caches);
	}

	void evict(String tenantId) {
		for (Consumer<String> cache : this.caches) {
			try {
				cache.accept(tenantId);
			}
			catch (RuntimeException ex) {
				logger.warn("Forgetting the cached entries of tenant '" + tenantId + "' failed in part: " + ex);
			}
		}
	}

}
