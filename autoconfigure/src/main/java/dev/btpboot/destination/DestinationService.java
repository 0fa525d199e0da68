package dev.btpboot.destination;

import java.util.Optional;

/**
 * Destinations of the bound Destination service for the current tenant (the current user's
 * subdomain, else the binding's own tenant) and, for user-dependent authentication types, the
 * current user. Looked-up destinations are cached ({@code btp.destinations.cache.ttl}); one
 * request per destination is made however many threads ask.
 * <p>
 * Every method throws {@link DestinationException} when the service cannot be asked or refuses,
 * and nothing is cached that could be used instead.
 */
public interface DestinationService {

	/**
	 * @param name the destination's name
	 * @return the destination, or empty when the service does not know it (404)
	 */
	Optional<Destination> find(String name);

	/**
	 * @param name the destination's name
	 * @return the destination
	 * @throws DestinationException also when the service does not know it
	 */
	Destination require(String name);

	/**
	 * @param <T> the destination type
	 * @param name the destination's name
	 * @param type the type needed, such as {@code HttpDestination.class}
	 * @return the destination
	 * @throws DestinationException also when the service does not know it or it is of another type
	 */
	<T extends Destination> T require(String name, Class<T> type);

}
