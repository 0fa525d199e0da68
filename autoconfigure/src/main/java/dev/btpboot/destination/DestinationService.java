package dev.btpboot.destination;

import java.util.Optional;

import dev.btpboot.security.BtpUser;
import dev.btpboot.security.CurrentUser;

/**
 * Destinations of the bound Destination service for the current tenant (the current user's
 * tenant, by its id, else the binding's own tenant) and, for user-dependent authentication types, the
 * current user. Looked-up destinations are cached ({@code btp.destinations.cache.ttl}); one
 * request per destination is made however many threads ask. Code off the request's thread (reactive
 * pipelines, other threads) passes the user explicitly.
 * <p>
 * Every method throws {@link DestinationException} when the service cannot be asked or refuses,
 * and nothing is cached that could be used instead.
 */
public interface DestinationService {

	/**
	 * @param name the destination's name
	 * @param user the user whose tenant (and token, for user-dependent types) to ask for, or
	 * {@code null} for the binding's own tenant
	 * @return the destination, or empty when the service does not know it (404)
	 */
	Optional<Destination> find(String name, BtpUser user);

	/**
	 * @param <T> the destination type
	 * @param name the destination's name
	 * @param type the type needed, such as {@code HttpDestination.class}
	 * @param user the user whose tenant to ask for, or {@code null} for the binding's own tenant
	 * @return the destination
	 * @throws DestinationException also when the service does not know it or it is of another type
	 */
	<T extends Destination> T require(String name, Class<T> type, BtpUser user);

	/**
	 * Forgets the cached destinations of a tenant, as when it unsubscribed. An implementation
	 * without a cache has nothing to forget.
	 * @param tenantId the tenant's id
	 */
	default void evictTenant(String tenantId) {
	}

	/**
	 * @param name the destination's name
	 * @return the destination for the current user, or empty when the service does not know it (404)
	 */
	default Optional<Destination> find(String name) {
		return find(name, CurrentUser.get().orElse(null));
	}

	/**
	 * @param name the destination's name
	 * @return the destination for the current user
	 * @throws DestinationException also when the service does not know it
	 */
	default Destination require(String name) {
		return require(name, Destination.class);
	}

	/**
	 * @param <T> the destination type
	 * @param name the destination's name
	 * @param type the type needed, such as {@code HttpDestination.class}
	 * @return the destination for the current user
	 * @throws DestinationException also when the service does not know it or it is of another type
	 */
	default <T extends Destination> T require(String name, Class<T> type) {
		return require(name, type, CurrentUser.get().orElse(null));
	}

}
