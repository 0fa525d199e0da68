package dev.btpboot.samples.saasapi;

import java.util.Optional;

import dev.btpboot.destination.http.DestinationClients;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;

/**
 * The client of every subscriber's backend, made once at start-up from the destination
 * {@code backend}: each request goes to the backend of the destination of the tenant of the
 * current request (or of {@code runAs}), with that tenant's credentials. Absent without a bound
 * destination service (a local run).
 */
@Component
class Backend {

	/** The destination each subscriber defines in its subaccount for its backend. */
	static final String DESTINATION = "backend";

	private final RestClient client;

	Backend(ObjectProvider<DestinationClients> destinations) {
		DestinationClients clients = destinations.getIfAvailable();
		this.client = (clients != null) ? clients.restClient(DESTINATION).build() : null;
	}

	/** @return the client, unless no destination service is bound */
	Optional<RestClient> client() {
		return Optional.ofNullable(this.client);
	}

}
