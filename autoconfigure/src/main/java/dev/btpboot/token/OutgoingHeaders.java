package dev.btpboot.token;

import java.util.function.BiConsumer;

/**
 * Headers the starter adds to the requests it sends on its own HTTP clients: token requests and
 * Destination service look-ups. Observability fills it with the current request's correlation id;
 * every bean of this type is applied, on the thread that sends the request.
 */
@FunctionalInterface
public interface OutgoingHeaders {

	/** Adds nothing. */
	OutgoingHeaders NONE = (headers) -> {
	};

	/**
	 * @param headers takes a header's name and value; called once per header to add
	 */
	void addTo(BiConsumer<String, String> headers);

}
