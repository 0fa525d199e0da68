package dev.btpboot.destination;

import java.util.Optional;

import dev.btpboot.security.BtpUser;
import dev.btpboot.security.CurrentUser;

/**
 * Destinations of the bound Destination service for the current tenant (the current user's
 * tenant, by its id, else the binding's own tenant) and, for user-dependent authentication types, the
 * current user. Looked-up destinations are cached ({@code btp.destinations.cache.ttl}); one
 * request per destination is made however many threads ask. Code off the request's thread (reactive
 * pipelines, other threads) passes the user explicitly. With local destinations
 * ({@code btp.destinations.local.*}, the {@code destinations} environment variable; outside
 * production only) those come first, and no destination service needs to be bound.
 * <p>
 * Every method throws {@link DestinationException} when the service cannot be asked or refuses,
 * and nothing is cached that could be used instead.
 */
public interface DestinationService {

	/**
	 * @param name the destination's name
	 * @param options a fragment to merge, a refresh token to send
	 * @param user the user whose tenant (and token, for user-dependent types) to ask for, or
	 * {@code null} for the binding's own tenant
	 * @return the destination, or empty when the service does not know it (404)
	 */
	Optional<Destination> find(String name, DestinationOptions options, BtpUser user);

	/**
	 * All destinations of the user's tenant: instance and subaccount level, each list asked for
	 * once per {@code btp.destinations.cache.ttl} however many threads ask.
	 * @param user the user whose tenant to ask for, or {@code null} for the binding's own tenant
	 * @return the destinations, and the names of those that cannot be typed
	 */
	DestinationList findAll(BtpUser user);

	/**
	 * @param name the destination's name
	 * @param user the user whose tenant (and token, for user-dependent types) to ask for, or
	 * {@code null} for the binding's own tenant
	 * @return the destination, or empty when the service does not know it (404)
	 */
	default Optional<Destination> find(String name, BtpUser user) {
		return find(name, DestinationOptions.none(), user);
	}

	/**
	 * @param <T> the destination type
	 * @param name the destination's name
	 * @param options a fragment to merge, a refresh token to send
	 * @param type the type needed, such as {@code HttpDestination.class}
	 * @param user the user whose tenant to ask for, or {@code null} for the binding's own tenant
	 * @return the destination
	 * @throws DestinationException also when the service does not know it or it is of another type
	 */
	<T extends Destination> T require(String name, DestinationOptions options, Class<T> type, BtpUser user);

	/**
	 * @param <T> the destination type
	 * @param name the destination's name
	 * @param type the type needed, such as {@code HttpDestination.class}
	 * @param user the user whose tenant to ask for, or {@code null} for the binding's own tenant
	 * @return the destination
	 * @throws DestinationException also when the service does not know it or it is of another type
	 */
	default <T extends Destination> T require(String name, Class<T> type, BtpUser user) {
		return require(name, DestinationOptions.none(), type, user);
	}

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
		return find(name, DestinationOptions.none(), CurrentUser.get().orElse(null));
	}

	/**
	 * @param name the destination's name
	 * @param options a fragment to merge, a refresh token to send
	 * @return the destination for the current user, or empty when the service does not know it (404)
	 */
	default Optional<Destination> find(String name, DestinationOptions options) {
		return find(name, options, CurrentUser.get().orElse(null));
	}

	/** @return all destinations of the current user's tenant ({@link #findAll(BtpUser)}) */
	default DestinationList findAll() {
		return findAll(CurrentUser.get().orElse(null));
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
