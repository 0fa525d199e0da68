package dev.btpboot.destination.http;

import java.util.function.BiConsumer;

import dev.btpboot.destination.AuthToken;
import dev.btpboot.destination.DestinationException;
import dev.btpboot.destination.DestinationException.Step;
import dev.btpboot.destination.HttpDestination;
import dev.btpboot.destination.ProxyType;

import org.springframework.http.HttpHeaders;

/**
 * The headers a request to an HTTP destination carries: its {@code URL.headers.*} and its
 * authentication, from the {@code authTokens} the service returned (every OAuth2 type, SAML
 * bearer, ...), else computed for {@code BasicAuthentication}; {@code NoAuthentication},
 * {@code ClientCertificateAuthentication} (TLS presents the key) and {@code PrincipalPropagation}
 * (the proxy propagates the user) add none.
 */
final class DestinationAuthentication {

	static final String PRINCIPAL_PROPAGATION = "PrincipalPropagation";

	private DestinationAuthentication() {
	}

	/**
	 * @param destination the destination of the current tenant
	 * @param tenant the tenant's id, or {@code null}, for messages
	 * @param headers the request's headers, changed in place
	 * @throws DestinationException when the service returned a token error or the authentication
	 * cannot be applied
	 */
	static void apply(HttpDestination destination, String tenant, HttpHeaders headers) {
		destination.headers().forEach(headers::set);
		forEachHeader(destination, tenant, headers::set);
	}

	private static void forEachHeader(HttpDestination destination, String tenant, BiConsumer<String, String> header) {
		String authentication = destination.authentication();
		if (!destination.authTokens().isEmpty()) {
			for (AuthToken token : destination.authTokens()) {
				if (token.error() != null) {
					throw failure(destination, tenant, "the Destination service could not obtain a token for "
							+ authentication + ": \"" + token.error() + "\"");
				}
				if (token.headerName() != null && token.headerValue() != null) {
					header.accept(token.headerName(), token.headerValue());
				}
				else if (token.type() != null && token.value() != null) {
					header.accept(HttpHeaders.AUTHORIZATION, token.type() + " " + token.value());
				}
			}
			return;
		}
		switch (authentication) {
			case "NoAuthentication", "ClientCertificateAuthentication" -> {
			}
			case "BasicAuthentication" -> {
				if (destination.user() == null || destination.password() == null) {
					throw failure(destination, tenant, "BasicAuthentication needs the properties User and Password");
				}
				header.accept(HttpHeaders.AUTHORIZATION,
						"Basic " + HttpHeaders.encodeBasicAuth(destination.user(), destination.password(), null));
			}
			case PRINCIPAL_PROPAGATION -> {
				if (destination.proxyType() != ProxyType.ON_PREMISE) {
					throw failure(destination, tenant, "PrincipalPropagation needs ProxyType OnPremise");
				}
			}
			default -> throw failure(destination, tenant,
					"the Destination service returned no authTokens for Authentication " + authentication);
		}
	}

	private static DestinationException failure(HttpDestination destination, String tenant, String problem) {
		return new DestinationException(destination.name(), tenant, Step.AUTH_TOKENS, problem);
	}

}
