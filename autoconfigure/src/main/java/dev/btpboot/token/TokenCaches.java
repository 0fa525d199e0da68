package dev.btpboot.token;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The caches of the providers made so far, one per binding and version of its credentials: what
 * the health indicator reports on. A rotation swaps a binding's cache for a new one.
 */
final class TokenCaches {

	private final List<TokenCache> caches = new CopyOnWriteArrayList<>();

	void add(TokenCache cache) {
		this.caches.add(cache);
	}

	void remove(TokenCache cache) {
		this.caches.remove(cache);
	}

	/** @return the current caches, in the order their providers were made */
	List<TokenCache> all() {
		return List.copyOf(this.caches);
	}

}
