package dev.btpboot.destination;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.btpboot.destination.DestinationException.Step;
import dev.btpboot.destination.DestinationServiceClient.Listed;
import dev.btpboot.security.BtpUser;
import dev.btpboot.security.CurrentUser;
import dev.btpboot.token.TokenProvider;
import dev.btpboot.token.TokenRequestException;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * The {@link DestinationService} over the Destination service's REST API: asks with a
 * client-credentials token of the destination binding for the current user's tenant (by its id,
 * so XSUAA and IAS users alike) and the user's token ({@code X-user-token}) in the same request,
 * caches per tenant (per user for user-dependent authentication types, per fragment, per refresh
 * token), lists both levels for {@link #findAll(BtpUser)}, and sends every request through the
 * tenant's circuit.
 */
final class CachingDestinationService implements DestinationService {

	private static final Log logger = LogFactory.getLog(CachingDestinationService.class);

	private final DestinationServiceClient client;

	private final TokenProvider tokens;

	private final DestinationCache cache;

	private final DestinationLists lists;

	private final TenantCircuits circuits;

	/** One instance, so a cache hit allocates no lambda. */
	private final DestinationCache.Lookup lookup = this::lookup;

	/**
	 * @param client asks the service
	 * @param tokens the {@code destinationTokenProvider}
	 * @param settings how destinations and lists are cached
	 * @param circuits the tenants' circuits around the service
	 * @param clock the clock of the caches
	 * @param observer sees hits, look-ups and requests
	 */
	CachingDestinationService(DestinationServiceClient client, TokenProvider tokens, CacheSettings settings,
			TenantCircuits circuits, Clock clock, DestinationObserver observer) {
		this.client = client;
		this.tokens = tokens;
		this.circuits = circuits;
		this.lists = new DestinationLists(settings.ttl(), clock, this::list);
		this.cache = new DestinationCache(settings.ttl(), settings.retryPause(), clock, observer,
				settings.changeDetection() ? this::unchanged : null, settings.maxAge());
	}

	@Override
	public Optional<Destination> find(String name, DestinationOptions options, BtpUser user) {
		if (name == null || name.isBlank()) {
			throw new IllegalArgumentException("a destination name is required");
		}
		String tenant = CurrentUser.tenantIdOf(user);
		String userToken = (user != null) ? user.propagationToken() : null;
		// A refresh token is the caller's own: its destination is kept for it alone.
		String subject = (options.refreshToken() != null) ? "refresh:" + DestinationCache.hash(options.refreshToken())
				: null;
		return this.cache.get(new DestinationCache.Key(tenant, name, options.fragment(), options.fragmentOptional(),
				subject), userToken, options, this.lookup);
	}

	@Override
	public <T extends Destination> T require(String name, DestinationOptions options, Class<T> type, BtpUser user) {
		String tenant = CurrentUser.tenantIdOf(user);
		return find(name, options, user)
			.orElseThrow(() -> new DestinationException(name, tenant, Step.LOOKUP, 404, false,
					"the Destination service knows no destination of this name (instance or subaccount level)"
							+ ((options.fragment() != null) ? ", or not its fragment '" + options.fragment() + "'" : "")
							+ " [HTTP 404]",
					null))
			.as(type, tenant);
	}

	@Override
	public DestinationList findAll(BtpUser user) {
		String tenant = CurrentUser.tenantIdOf(user);
		Map<String, Destination> destinations = new LinkedHashMap<>();
		Map<String, String> unreadable = new LinkedHashMap<>();
		for (DestinationLevel level : List.of(DestinationLevel.INSTANCE, DestinationLevel.SUBACCOUNT)) {
			for (Listed listed : this.lists.get(tenant, level)) {
				if (listed.destination() != null) {
					destinations.putIfAbsent(listed.destination().name(), listed.destination());
				}
				else {
					unreadable.putIfAbsent(listed.name(), listed.problem());
				}
			}
		}
		if (!unreadable.isEmpty() && logger.isDebugEnabled()) {
			logger.debug("Destinations of " + DestinationException.tenantText(tenant) + " that cannot be typed: "
					+ unreadable);
		}
		return new DestinationList(List.copyOf(destinations.values()), unreadable);
	}

	@Override
	public void evictTenant(String tenantId) {
		this.cache.evictTenant(tenantId);
		this.lists.evictTenant(tenantId);
		this.circuits.evictTenant(tenantId);
	}

	private Destination lookup(DestinationCache.Key key, String userToken, DestinationOptions options) {
		String serviceToken = serviceToken(key.name(), key.tenant());
		return this.circuits.call(key.tenant(), key.name(),
				() -> this.client.find(key.name(), key.tenant(), serviceToken, userToken, options));
	}

	/** Asks for the list of a level, for {@link DestinationLists}. */
	private List<Listed> list(String tenant, DestinationLevel level) {
		String name = DestinationServiceClient.listName(level);
		String serviceToken = serviceToken(name, tenant);
		return this.circuits.call(tenant, name, () -> this.client.list(level, tenant, serviceToken));
	}

	/**
	 * Change detection: whether the list of the cached destination's level holds it unchanged.
	 * @param tenant the tenant's id, or {@code null}
	 * @param cached the cached destination
	 * @return {@code false} also when the list cannot be read: the destination is looked up again
	 */
	private boolean unchanged(String tenant, Destination cached) {
		try {
			for (Listed listed : this.lists.get(tenant, cached.level())) {
				if (listed.destination() != null && listed.destination().name().equals(cached.name())) {
					return listed.destination().properties().equals(cached.properties());
				}
			}
			return false;
		}
		catch (DestinationException ex) {
			logger.debug("Change detection for destination '" + cached.name() + "' is not possible, looking it up: "
					+ ex.getMessage());
			return false;
		}
	}

	/**
	 * How destinations are cached.
	 *
	 * @param ttl how long a destination or list is reused ({@code btp.destinations.cache.ttl})
	 * @param retryPause how long a stale destination is served after a failure before the service
	 * is asked again
	 * @param changeDetection whether an entry whose TTL ran out is compared with its level's list
	 * before it is looked up again
	 * @param maxAge how long an entry the list shows unchanged is reused at most
	 */
	record CacheSettings(Duration ttl, Duration retryPause, boolean changeDetection, Duration maxAge) {
	}

	private String serviceToken(String name, String tenant) {
		try {
			return ((tenant != null) ? this.tokens.clientCredentialsForTenant(tenant) : this.tokens.clientCredentials())
				.value();
		}
		catch (TokenRequestException ex) {
			boolean retryable = ex.getHttpStatus() == 0 || ex.getHttpStatus() >= 500;
			throw new DestinationException(name, tenant, Step.TOKEN, ex.getHttpStatus(), retryable, ex.getMessage(), ex);
		}
		catch (IllegalArgumentException ex) {
			throw new DestinationException(name, tenant, Step.TOKEN, 0, false, ex.getMessage(), ex);
		}
	}

}
