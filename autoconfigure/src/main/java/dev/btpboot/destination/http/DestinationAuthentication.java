package dev.btpboot.destination.http;

import java.util.function.BiConsumer;

import dev.btpboot.destination.AuthToken;
import dev.btpboot.destination.DestinationException;
import dev.btpboot.destination.DestinationException.Step;
import dev.btpboot.destination.HttpDestination;
import dev.btpboot.destination.ProxyType;
import dev.btpboot.security.BtpUser;

import org.springframework.http.HttpHeaders;

/**
 * The headers a request to an HTTP destination carries: its {@code URL.headers.*} and its
 * authentication, from the {@code authTokens} the service returned (every OAuth2 type, SAML
 * bearer, ...), else computed for {@code BasicAuthentication}; token forwarding
 * ({@code TokenForwarding}, or {@code NoAuthentication} with {@code forwardAuthToken=true} or
 * {@code HTML5.ForwardAuthToken=true}) sends the signed-in user's own token;
 * {@code NoAuthentication}, {@code ClientCertificateAuthentication} (TLS presents the key) and
 * {@code PrincipalPropagation} (the proxy propagates the user) add none.
 */
final class DestinationAuthentication {

	static final String PRINCIPAL_PROPAGATION = "PrincipalPropagation";

	static final String TOKEN_FORWARDING = "TokenForwarding";

	private DestinationAuthentication() {
	}

	/**
	 * @param destination the destination of the current tenant
	 * @param tenant the tenant's id, or {@code null}, for messages
	 * @param user the user of the request, or {@code null}
	 * @param headers the request's headers, changed in place
	 * @throws DestinationException when the service returned a token error or the authentication
	 * cannot be applied
	 */
	static void apply(HttpDestination destination, String tenant, BtpUser user, HttpHeaders headers) {
		destination.headers().forEach(headers::set);
		forEachHeader(destination, tenant, user, headers::set);
	}

	private static void forEachHeader(HttpDestination destination, String tenant, BtpUser user,
			BiConsumer<String, String> header) {
		String authentication = destination.authentication();
		if (forwardsToken(destination)) {
			if (user == null || user.token() == null) {
				throw failure(destination, tenant,
						"token forwarding needs a signed-in user with a token, and the request has none");
			}
			header.accept(HttpHeaders.AUTHORIZATION, "Bearer " + user.token());
			return;
		}
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

	/**
	 * @return whether the destination forwards the user's own token: {@code TokenForwarding}, or
	 * no authentication of its own and {@code forwardAuthToken} (the application router's
	 * {@code HTML5.ForwardAuthToken}) set
	 */
	static boolean forwardsToken(HttpDestination destination) {
		if (TOKEN_FORWARDING.equals(destination.authentication())) {
			return true;
		}
		return "NoAuthentication".equals(destination.authentication()) && destination.authTokens().isEmpty()
				&& (isTrue(destination, "forwardAuthToken") || isTrue(destination, "HTML5.ForwardAuthToken"));
	}

	private static boolean isTrue(HttpDestination destination, String key) {
		return destination.property(key).map((value) -> value.equalsIgnoreCase("true")).orElse(false);
	}

	private static DestinationException failure(HttpDestination destination, String tenant, String problem) {
		return new DestinationException(destination.name(), tenant, Step.AUTH_TOKENS, problem);
	}

}
