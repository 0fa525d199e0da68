package dev.btpboot.destination.http;

import java.net.URI;

import dev.btpboot.destination.DestinationException;
import dev.btpboot.destination.DestinationException.Step;
import dev.btpboot.destination.HttpDestination;
import dev.btpboot.destination.ProxyType;

import org.springframework.web.util.UriComponentsBuilder;

/**
 * Where a request of a destination client goes: the clients carry a base URL that reaches no
 * host, and each request is sent to the URL of the destination resolved for it, the destination's
 * {@code URL.queries.*} added. So URL, headers and credentials of one request always come from one
 * destination of one tenant, whichever tenant the client was made for.
 */
final class DestinationTargets {

	/**
	 * The base URL of the builders: a host that never resolves ({@code .invalid}, RFC 6761), so a
	 * request that escaped the resolution goes nowhere.
	 */
	static final String BASE_URL = "http://destination.invalid";

	private static final String CLIENT_CERTIFICATE = "ClientCertificateAuthentication";

	private DestinationTargets() {
	}

	/**
	 * @param destination the destination resolved for the request
	 * @param tenant the tenant's id, or {@code null}, for messages
	 * @param requested the request's URI: under {@link #BASE_URL}, relative, or absolute under the
	 * destination's URL (such as a next link the system returned)
	 * @return the URI under the destination's URL, with its queries
	 * @throws DestinationException when the request goes elsewhere: the destination's credentials
	 * are for its own URL only
	 */
	static URI target(HttpDestination destination, String tenant, URI requested) {
		String base = withoutTrailingSlash(destination.url().toString());
		String uri = requested.toString();
		String resolved;
		if (isUnder(uri, BASE_URL)) {
			resolved = base + uri.substring(BASE_URL.length());
		}
		else if (!requested.isAbsolute()) {
			resolved = base + (uri.startsWith("/") || uri.startsWith("?") || uri.isEmpty() ? "" : "/") + uri;
		}
		else if (isUnder(uri, base)) {
			resolved = uri;
		}
		else {
			throw new DestinationException(destination.name(), tenant, Step.CONNECT, "the request goes to "
					+ requested.getScheme() + "://" + requested.getRawAuthority()
					+ ", outside the destination's URL; its credentials are sent to that URL only");
		}
		if (destination.queries().isEmpty()) {
			return URI.create(resolved);
		}
		UriComponentsBuilder builder = UriComponentsBuilder.fromUriString(resolved);
		destination.queries().forEach(builder::queryParam);
		return builder.encode().build().toUri();
	}

	/**
	 * @param destination the destination resolved for a request
	 * @param tenant the tenant's id, or {@code null}, for messages
	 * @param proxyAvailable whether the connectivity proxy can be used
	 * @throws DestinationException when the destination cannot be connected to
	 */
	static void requireConnectable(HttpDestination destination, String tenant, boolean proxyAvailable) {
		boolean onPremise = destination.proxyType() == ProxyType.ON_PREMISE;
		if (onPremise && usesClientCertificate(destination)) {
			throw new DestinationException(destination.name(), tenant, Step.CONNECT,
					"ClientCertificateAuthentication is not available for OnPremise destinations");
		}
		if (onPremise && !proxyAvailable) {
			throw new DestinationException(destination.name(), tenant, Step.CONNECT,
					"it is OnPremise, but there is no connectivity binding (or btp.connectivity.proxy.host)");
		}
	}

	static boolean usesClientCertificate(HttpDestination destination) {
		return CLIENT_CERTIFICATE.equals(destination.authentication());
	}

	static boolean propagatesUser(HttpDestination destination) {
		return DestinationAuthentication.PRINCIPAL_PROPAGATION.equals(destination.authentication());
	}

	/** @return whether the URI is the base or below it (a path, query or fragment follows) */
	private static boolean isUnder(String uri, String base) {
		if (!uri.startsWith(base)) {
			return false;
		}
		if (uri.length() == base.length()) {
			return true;
		}
		char next = uri.charAt(base.length());
		return next == '/' || next == '?' || next == '#';
	}

	private static String withoutTrailingSlash(String url) {
		return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
	}

}
