package dev.btpboot.destination;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The destinations of a tenant ({@link DestinationService#findAll()}): those of the service
 * instance, then those of the subaccount not shadowed by an instance destination of the same
 * name, local ones first when there are any. They carry no {@code authTokens} and no
 * {@code certificates} (the lists hold definitions only): to connect, look one up by name. An
 * entry that cannot be typed (unknown {@code Type}, a required property missing) is named in
 * {@link #unreadable()} with the reason, and the others are still listed.
 *
 * @param destinations the destinations, unmodifiable
 * @param unreadable why each entry that cannot be typed cannot, by name ({@code #<index>} for an
 * entry without one), unmodifiable
 */
public record DestinationList(List<Destination> destinations, Map<String, String> unreadable) {

	public DestinationList {
		destinations = List.copyOf(destinations);
		unreadable = Map.copyOf(unreadable);
	}

	/**
	 * @param name a destination's name
	 * @return the destination of that name, if listed
	 */
	public Optional<Destination> get(String name) {
		return this.destinations.stream().filter((destination) -> name.equals(destination.name())).findFirst();
	}

	/** @return the names of the destinations, in order */
	public List<String> names() {
		return this.destinations.stream().map(Destination::name).toList();
	}

}
