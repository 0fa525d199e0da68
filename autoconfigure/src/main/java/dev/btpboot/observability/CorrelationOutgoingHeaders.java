package dev.btpboot.observability;

import java.util.function.BiConsumer;

import dev.btpboot.token.OutgoingHeaders;

/** Forwards the current request's correlation id on the token and Destination service requests. */
final class CorrelationOutgoingHeaders implements OutgoingHeaders {

	@Override
	public void addTo(BiConsumer<String, String> headers) {
		CorrelationIds.current().ifPresent((id) -> headers.accept(CorrelationIds.HEADER, id));
	}

}
