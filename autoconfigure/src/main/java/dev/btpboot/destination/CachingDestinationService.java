package dev.btpboot.destination;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

import dev.btpboot.destination.DestinationException.Step;
import dev.btpboot.security.BtpUser;
import dev.btpboot.security.CurrentUser;
import dev.btpboot.token.TokenProvider;
import dev.btpboot.token.TokenRequestException;

/**
 * The {@link DestinationService} over the Destination service's REST API: asks with a
 * client-credentials token of the destination binding for the current user's tenant (by its id,
 * so XSUAA and IAS users alike), caches per tenant, and for user-dependent authentication types asks again with the user's token
 * ({@code X-user-token}) and caches that answer per user.
 */
final class CachingDestinationService implements DestinationService {

	private final DestinationServiceClient client;

	private final TokenProvider tokens;

	private final DestinationCache cache;

	/** One instance, so a cache hit allocates no lambda. */
	private final Function<DestinationCache.Key, Destination> tenantLookup = (key) -> lookup(key.name(), key.tenant(),
			null);

	/**
	 * @param client asks the service
	 * @param tokens the {@code destinationTokenProvider}
	 * @param cache the cache
	 */
	CachingDestinationService(DestinationServiceClient client, TokenProvider tokens, DestinationCache cache) {
		this.client = client;
		this.tokens = tokens;
		this.cache = cache;
	}

	@Override
	public Optional<Destination> find(String name, BtpUser user) {
		if (name == null || name.isBlank()) {
			throw new IllegalArgumentException("a destination name is required");
		}
		String tenant = CurrentUser.tenantIdOf(user);
		Optional<Destination> destination = this.cache.get(new DestinationCache.Key(tenant, name, null),
				this.tenantLookup);
		if (destination.isPresent() && destination.get().userDependent() && user != null
				&& user.propagationToken() != null) {
			String userToken = user.propagationToken();
			return this.cache.get(new DestinationCache.Key(tenant, name, hash(userToken)),
					(key) -> lookup(name, tenant, userToken));
		}
		return destination;
	}

	@Override
	public <T extends Destination> T require(String name, Class<T> type, BtpUser user) {
		String tenant = CurrentUser.tenantIdOf(user);
		Destination destination = find(name, user).orElseThrow(() -> new DestinationException(name, tenant,
				Step.LOOKUP, 404, false,
				"the Destination service knows no destination of this name (instance or subaccount level) [HTTP 404]",
				null));
		if (!type.isInstance(destination)) {
			throw new DestinationException(name, tenant, Step.TYPE, 0, false, "it is of Type " + destination.type()
					+ ", not " + type.getSimpleName().replace("Destination", "").toUpperCase(Locale.ROOT), null);
		}
		return type.cast(destination);
	}

	@Override
	public void evictTenant(String tenantId) {
		this.cache.evictTenant(tenantId);
	}

	private Destination lookup(String name, String tenant, String userToken) {
		String serviceToken;
		try {
			serviceToken = ((tenant != null) ? this.tokens.clientCredentialsForTenant(tenant)
					: this.tokens.clientCredentials()).value();
		}
		catch (TokenRequestException ex) {
			boolean retryable = ex.getHttpStatus() == 0 || ex.getHttpStatus() >= 500;
			throw new DestinationException(name, tenant, Step.TOKEN, ex.getHttpStatus(), retryable, ex.getMessage(), ex);
		}
		catch (IllegalArgumentException ex) {
			throw new DestinationException(name, tenant, Step.TOKEN, 0, false, ex.getMessage(), ex);
		}
		return this.client.find(name, tenant, serviceToken, userToken);
	}

	/** A cache key never holds the user's token: a hash of it. */
	private static String hash(String userToken) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(userToken.getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(digest);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is missing", ex);
		}
	}

}
