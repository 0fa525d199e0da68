package dev.btpboot.token;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

import dev.btpboot.binding.IdentityCredentials;
import dev.btpboot.binding.OAuthClientCredentials;

/**
 * Builds the parts of token providers that every binding needs (HTTP client, cache) from the
 * shared settings, and registers the caches in {@link #caches()} for the health indicator. Free of
 * token-client types, so it loads without token-client on the classpath.
 */
final class TokenProviderFactory {

	private final TokenProperties properties;

	private final ResponseBodies bodies;

	private final Clock clock;

	private final Executor refresher;

	private final TokenObserver.Factory observers;

	private final TokenHttpClients httpClients;

	private final TokenEndpointClient.Sleeper sleeper;

	private final OutgoingHeaders outgoingHeaders;

	private final Map<OAuthClientCredentials, TokenEndpointClient> clients = new ConcurrentHashMap<>();

	private final TokenCaches caches = new TokenCaches();

	/**
	 * @param properties {@code btp.token.*}
	 * @param bodies reads token responses up to {@code btp.http.max-response-size}
	 * @param clock the clock of expiry decisions
	 * @param refresher runs background renewals
	 * @param observers metrics
	 * @param httpClients builds each OAuth client's HTTP client
	 * @param sleeper waits between retries
	 * @param outgoingHeaders headers added to every token request
	 */
	TokenProviderFactory(TokenProperties properties, ResponseBodies bodies, Clock clock, Executor refresher,
			TokenObserver.Factory observers, TokenHttpClients httpClients, TokenEndpointClient.Sleeper sleeper,
			OutgoingHeaders outgoingHeaders) {
		this.properties = properties;
		this.bodies = bodies;
		this.clock = clock;
		this.refresher = refresher;
		this.observers = observers;
		this.httpClients = httpClients;
		this.sleeper = sleeper;
		this.outgoingHeaders = outgoingHeaders;
	}

	TokenEndpointClient client(OAuthClientCredentials credentials) {
		return this.clients.computeIfAbsent(credentials,
				(c) -> new TokenEndpointClient(c, () -> this.httpClients.create(c.authentication(), this.properties),
						this.properties, this.bodies, this.clock, this.sleeper, this.outgoingHeaders));
	}

	TokenCache cache(OAuthClientCredentials credentials) {
		TokenCache cache = new TokenCache(credentials, this.properties, this.clock, this.refresher,
				this.observers.forService(credentials.service()));
		this.caches.add(cache);
		return cache;
	}

	/**
	 * Forgets one version of a binding's credentials after a rotation: its cache leaves the health
	 * indicator, its HTTP client is no longer handed out (requests in flight keep theirs).
	 */
	void retire(OAuthClientCredentials credentials, TokenCache cache) {
		this.caches.remove(cache);
		this.clients.remove(credentials);
	}

	/**
	 * @param credentials an XSUAA-issued client (xsuaa, connectivity, destination)
	 * @return its provider
	 */
	XsuaaIssuedTokenProvider xsuaaIssuedProvider(OAuthClientCredentials credentials) {
		return xsuaaIssuedProvider(() -> credentials);
	}

	/**
	 * @param credentials the current version of an XSUAA-issued client's credentials
	 * @return its provider, following rotations
	 */
	XsuaaIssuedTokenProvider xsuaaIssuedProvider(Supplier<? extends OAuthClientCredentials> credentials) {
		return new XsuaaIssuedTokenProvider(credentials, this);
	}

	/**
	 * @param credentials an identity binding's credentials
	 * @return its provider
	 */
	IdentityTokenProvider identity(IdentityCredentials credentials) {
		return identity(() -> credentials);
	}

	/**
	 * @param credentials the current version of an identity binding's credentials
	 * @return its provider, following rotations
	 */
	IdentityTokenProvider identity(Supplier<IdentityCredentials> credentials) {
		return new IasTokenProvider(credentials, this);
	}

	Clock clock() {
		return this.clock;
	}

	/** @return the caches of the providers made so far */
	TokenCaches caches() {
		return this.caches;
	}

}
