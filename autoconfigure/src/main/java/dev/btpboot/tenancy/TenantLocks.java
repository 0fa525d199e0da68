package dev.btpboot.tenancy;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * One lock per tenant, so that the subscribe, update and unsubscribe of one tenant never overlap
 * while those of different tenants run side by side. A tenant's lock exists only while someone
 * holds or waits for it.
 */
final class TenantLocks {

	private final Map<String, Held> locks = new ConcurrentHashMap<>();

	/**
	 * @param tenantId the tenant
	 * @param work what to do while holding its lock
	 * @return what the work returns
	 */
	<T> T locked(String tenantId, Supplier<T> work) {
		Held held = this.locks.compute(tenantId, (id, current) -> {
			Held lock = (current != null) ? current : new Held();
			lock.users++;
			return lock;
		});
		held.lock.lock();
		try {
			return work.get();
		}
		finally {
			held.lock.unlock();
			this.locks.compute(tenantId, (id, current) -> (--current.users == 0) ? null : current);
		}
	}

	/** @return how many tenants have a lock now */
	int size() {
		return this.locks.size();
	}

	/** A lock and how many hold or wait for it; changed only inside the map's compute. */
	private static final class Held {

		final ReentrantLock lock = new ReentrantLock();

		int users;

	}

}
