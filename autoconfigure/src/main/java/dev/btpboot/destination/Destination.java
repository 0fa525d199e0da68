package dev.btpboot.destination;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import dev.btpboot.connectivity.ConnectivityConfigurationException;
import dev.btpboot.connectivity.ConnectivityProxy;
import dev.btpboot.token.PeerText;

/**
 * A destination as the Destination service returned it for the current tenant (and user): the
 * typed fields of its {@code Type}, where it is reached ({@link #proxyType()},
 * {@link #locationId()}), the raw {@code destinationConfiguration}, the {@code authTokens} and the
 * {@code certificates}. Sealed: {@link HttpDestination}, {@link MailDestination},
 * {@link LdapDestination}, {@link TcpDestination} and {@link RfcDestination} (read-only
 * properties). {@link #toString()} shows property names only, never a value, and the service's
 * text only as {@link PeerText} lets it through.
 */
public abstract sealed class Destination
		permits HttpDestination, MailDestination, LdapDestination, TcpDestination, RfcDestination {

	/** Authentication types for which the service needs the user's token ({@code X-user-token}). */
	private static final Set<String> USER_DEPENDENT = Set.of("OAuth2UserTokenExchange", "OAuth2JWTBearer",
			"OAuth2SAMLBearerAssertion", "SAMLAssertion", "SAPAssertionSSO");

	/** User-dependent types that a {@code SystemUser} turns into one technical user for everyone. */
	private static final Set<String> SYSTEM_USER_CAPABLE = Set.of("OAuth2SAMLBearerAssertion", "SAPAssertionSSO");

	private final String name;

	private final Map<String, String> properties;

	private final List<AuthToken> authTokens;

	private final List<DestinationCertificate> certificates;

	private final ProxyType proxyType;

	private final String locationId;

	private final DestinationLevel level;

	/**
	 * @param properties the {@code destinationConfiguration}
	 * @param authTokens the {@code authTokens}
	 * @param certificates the {@code certificates}
	 * @param level where the destination is defined
	 * @param prefix the prefix of type-specific settings ({@code ldap.}), or {@code ""}
	 */
	Destination(Map<String, String> properties, List<AuthToken> authTokens, List<DestinationCertificate> certificates,
			DestinationLevel level, String prefix) {
		this.properties = Map.copyOf(properties);
		this.level = level;
		this.name = properties.get("Name");
		this.authTokens = List.copyOf(authTokens);
		this.certificates = List.copyOf(certificates);
		this.proxyType = ProxyType.of(first(prefix + "proxyType", "ProxyType"));
		this.locationId = first(prefix + "cloudConnectorLocationId", "CloudConnectorLocationId");
		try {
			ConnectivityProxy.encodeLocationId(this.locationId);
		}
		catch (ConnectivityConfigurationException ex) {
			throw new IllegalArgumentException("property 'CloudConnectorLocationId' cannot be sent to the connectivity "
					+ "proxy (printable ASCII, at most 189 characters)");
		}
	}

	/**
	 * @param properties the {@code destinationConfiguration}
	 * @param authTokens the {@code authTokens}
	 * @param certificates the {@code certificates}
	 * @param level where the destination is defined
	 * @return the destination of its {@code Type}
	 * @throws IllegalArgumentException when a property the type needs is missing or invalid
	 */
	static Destination of(Map<String, String> properties, List<AuthToken> authTokens,
			List<DestinationCertificate> certificates, DestinationLevel level) {
		String type = properties.getOrDefault("Type", "");
		return switch (type.toUpperCase(Locale.ROOT)) {
			case "HTTP" -> new HttpDestination(properties, authTokens, certificates, level);
			case "MAIL" -> new MailDestination(properties, authTokens, certificates, level);
			case "LDAP" -> new LdapDestination(properties, authTokens, certificates, level);
			case "TCP" -> new TcpDestination(properties, authTokens, certificates, level);
			case "RFC" -> new RfcDestination(properties, authTokens, certificates, level);
			default -> throw new IllegalArgumentException("unknown Type '" + type + "'");
		};
	}

	/** @return {@code Name} */
	public String name() {
		return this.name;
	}

	/** @return {@code Type}: {@code HTTP}, {@code MAIL}, {@code LDAP}, {@code TCP} or {@code RFC} */
	public abstract String type();

	/** @return where the destination is defined: instance or subaccount level, or the local configuration */
	public DestinationLevel level() {
		return this.level;
	}

	/** @return how the system is reached; {@link ProxyType#INTERNET} when the destination sets none */
	public ProxyType proxyType() {
		return this.proxyType;
	}

	/** @return {@code CloudConnectorLocationId}, or {@code null} */
	public String locationId() {
		return this.locationId;
	}

	/** @return the whole {@code destinationConfiguration}, unmodifiable */
	public Map<String, String> properties() {
		return this.properties;
	}

	/**
	 * @param key a key of the {@code destinationConfiguration}
	 * @return its value, if set and not blank
	 */
	public Optional<String> property(String key) {
		return Optional.ofNullable(first(key));
	}

	/** @return the {@code authTokens} the service obtained, unmodifiable */
	public List<AuthToken> authTokens() {
		return this.authTokens;
	}

	/** @return the {@code certificates} uploaded with the destination, unmodifiable */
	public List<DestinationCertificate> certificates() {
		return this.certificates;
	}

	/**
	 * @return whether the service needs the user's token to look this destination up: its
	 * authentication exchanges the user's token, unless a {@code SystemUser} stands in for every
	 * user (SAML bearer assertion, SAP assertion SSO)
	 */
	boolean userDependent() {
		String authentication = property("Authentication").orElse("");
		return USER_DEPENDENT.contains(authentication)
				&& !(SYSTEM_USER_CAPABLE.contains(authentication) && property("SystemUser").isPresent());
	}

	/**
	 * @param <T> the type needed
	 * @param type the type needed, such as {@code HttpDestination.class}
	 * @param tenant the tenant's id, or {@code null}, for the message
	 * @return this destination as that type
	 * @throws DestinationException when it is of another type
	 */
	final <T extends Destination> T as(Class<T> type, String tenant) {
		if (!type.isInstance(this)) {
			throw new DestinationException(this.name, tenant, DestinationException.Step.TYPE, 0, false, "it is of Type "
					+ type() + ", not " + type.getSimpleName().replace("Destination", "").toUpperCase(Locale.ROOT), null);
		}
		return type.cast(this);
	}

	/** @return the first of the keys with a non-blank value, trimmed, or {@code null} */
	final String first(String... keys) {
		for (String key : keys) {
			String value = this.properties.get(key);
			if (value != null && !value.isBlank()) {
				return value.trim();
			}
		}
		return null;
	}

	/** @throws IllegalArgumentException when the key has no value */
	final String required(String key) {
		String value = first(key);
		if (value == null) {
			throw new IllegalArgumentException("property '" + key + "' is missing");
		}
		return value;
	}

	@Override
	public String toString() {
		return getClass().getSimpleName() + "[name=" + PeerText.description(this.name) + ", level=" + this.level
				+ ", proxyType="
				+ this.proxyType + ", locationId=" + PeerText.description(this.locationId) + ", authentication="
				+ PeerText.description(property("Authentication").orElse(null)) + ", properties="
				+ PeerText.description(new TreeSet<>(this.properties.keySet()).toString()) + ", authTokens="
				+ this.authTokens + ", certificates=" + this.certificates + "]";
	}

}
