package dev.btpboot.security.jwt;

import java.io.IOException;
import java.net.URI;
import java.util.Map;

/**
 * Where and how to ask for the signing keys of one key scope: fixed for an XSUAA zone, found by
 * OIDC discovery for an IAS issuer; with the headers that name the zone, tenant or client.
 */
@FunctionalInterface
interface KeysLocation {

	Request request() throws IOException;

	/** A key set request: its URL and the headers that scope it. */
	record Request(URI uri, Map<String, String> headers) {
	}

}
