package dev.btpboot.destination;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.btpboot.destination.DestinationException.Step;
import dev.btpboot.security.BtpUser;
import dev.btpboot.security.CurrentUser;

/**
 * Local destinations first, then the Destination service when one is bound. A local destination
 * is the same for every tenant and user, carries no {@code authTokens} and takes no fragment or
 * refresh token.
 */
final class LocalDestinationService implements DestinationService {

	private final LocalDestinations local;

	private final DestinationService service;

	/**
	 * @param local the local destinations
	 * @param service the Destination service, or {@code null} when none is bound
	 */
	LocalDestinationService(LocalDestinations local, DestinationService service) {
		this.local = local;
		this.service = service;
	}

	@Override
	public Optional<Destination> find(String name, DestinationOptions options, BtpUser user) {
		if (name == null || name.isBlank()) {
			throw new IllegalArgumentException("a destination name is required");
		}
		Optional<Destination> destination = this.local.get(name);
		if (destination.isPresent() || this.service == null) {
			return destination;
		}
		return this.service.find(name, options, user);
	}

	@Override
	public <T extends Destination> T require(String name, DestinationOptions options, Class<T> type, BtpUser user) {
		String tenant = CurrentUser.tenantIdOf(user);
		Optional<Destination> destination = this.local.get(name);
		if (destination.isPresent()) {
			return destination.get().as(type, tenant);
		}
		if (this.service != null) {
			return this.service.require(name, options, type, user);
		}
		throw new DestinationException(name, tenant, Step.LOOKUP, 404, false, "there is no local destination of this name ("
				+ LocalDestinations.PROPERTY + "." + name + ".*, the variable '" + LocalDestinations.VARIABLE
				+ "') and no destination service is bound", null);
	}

	@Override
	public DestinationList findAll(BtpUser user) {
		if (this.service == null) {
			return new DestinationList(List.copyOf(this.local.all().values()), Map.of());
		}
		DestinationList remote = this.service.findAll(user);
		Map<String, Destination> destinations = new LinkedHashMap<>(this.local.all());
		remote.destinations().forEach((destination) -> destinations.putIfAbsent(destination.name(), destination));
		return new DestinationList(List.copyOf(destinations.values()), remote.unreadable());
	}

	@Override
	public void evictTenant(String tenantId) {
		if (this.service != null) {
			this.service.evictTenant(tenantId);
		}
	}

}
