package dev.btpboot.destination;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import dev.btpboot.security.ProductionSignals;
import dev.btpboot.token.PeerText;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.env.Environment;

/**
 * Destinations defined in the application's configuration, for local runs and tests: the entries
 * of {@code btp.destinations.local.<name>.<Key>}, and the JSON array of the {@code destinations}
 * environment variable that SAP Cloud SDK reads ({@code [{"name": "erp", "url": "...", ...}]}),
 * both read from the Spring {@code Environment}. Keys are the Destination service's
 * ({@code URL}, {@code Type}, {@code Authentication}, {@code User}, {@code Password},
 * {@code ProxyType}, ...), matched without regard to case (so environment variables work, and the
 * SDK's {@code name}, {@code url}, {@code username} do); {@code Type} is {@code HTTP} when none is
 * given. Refused in production: a destination there comes from the Destination service.
 */
final class LocalDestinations {

	static final String PROPERTY = "btp.destinations.local";

	static final String VARIABLE = "destinations";

	private static final LocalDestinations NONE = new LocalDestinations(Map.of());

	/** The Destination service's key names, by their lower-case form. */
	private static final Map<String, String> KEYS = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);

	static {
		for (String key : Set.of("Name", "Type", "URL", "Description", "Authentication", "ProxyType", "User", "Password",
				"CloudConnectorLocationId", "Address", "KeyStoreLocation", "KeyStorePassword", "TrustStoreLocation",
				"TrustStorePassword", "TrustAll", "TLSVersion", "forwardAuthToken", "SystemUser", "clientId",
				"clientSecret", "tokenServiceURL", "tokenServiceURLType", "tokenServiceUser", "tokenServicePassword")) {
			KEYS.put(key, key);
		}
		KEYS.put("username", "User");
	}

	private final Map<String, Destination> destinations;

	private LocalDestinations(Map<String, Destination> destinations) {
		this.destinations = destinations;
	}

	/**
	 * @param configured {@code btp.destinations.local}: properties by destination name
	 * @param environment the environment: the {@code destinations} variable, production signals
	 * @return the local destinations
	 * @throws LocalDestinationsException when there are some in production, or one cannot be read
	 */
	static LocalDestinations of(Map<String, Map<String, String>> configured, Environment environment) {
		String variable = environment.getProperty(VARIABLE);
		boolean fromVariable = variable != null && !variable.isBlank();
		if (configured.isEmpty() && !fromVariable) {
			return NONE;
		}
		List<String> production = ProductionSignals.of(environment);
		if (!production.isEmpty()) {
			String source = !configured.isEmpty() ? PROPERTY + ".*" : "the environment variable '" + VARIABLE + "'";
			throw new LocalDestinationsException(
					"Local destinations (" + source + ") are defined while the application runs in production ("
							+ String.join(", ", production) + "); they would bypass the Destination service.",
					"Remove " + PROPERTY + ".* and the '" + VARIABLE + "' variable from the production configuration (keep "
							+ "them in a local profile such as application-local.properties), and maintain the destinations "
							+ "in the Destination service.");
		}
		Map<String, Destination> destinations = new LinkedHashMap<>();
		if (fromVariable) {
			readVariable(variable).forEach((properties) -> add(destinations, properties,
					"the environment variable '" + VARIABLE + "', destination '" + properties.get("Name") + "'"));
		}
		configured.forEach((name, properties) -> {
			Map<String, String> canonical = canonical(properties);
			canonical.put("Name", name);
			add(destinations, canonical, PROPERTY + "." + name);
		});
		return new LocalDestinations(Collections.unmodifiableMap(destinations));
	}

	private static List<Map<String, String>> readVariable(String variable) {
		JsonNode array;
		try {
			array = JsonMapper.shared().readTree(variable);
		}
		catch (JacksonException ex) {
			array = null;
		}
		if (array == null || !array.isArray()) {
			throw new LocalDestinationsException(
					"The environment variable '" + VARIABLE + "' is not a JSON array of destinations.",
					"Write it as [{\"name\": \"erp\", \"url\": \"https://erp.example.com\"}], one object per destination.");
		}
		List<Map<String, String>> destinations = new ArrayList<>();
		int index = 0;
		for (JsonNode entry : array) {
			Map<String, String> properties = new LinkedHashMap<>();
			if (entry.isObject()) {
				entry.properties().forEach((field) -> properties.put(field.getKey(),
						field.getValue().isString() ? field.getValue().asString() : field.getValue().toString()));
			}
			Map<String, String> canonical = canonical(properties);
			if (canonical.get("Name") == null || canonical.get("Name").isBlank()) {
				throw new LocalDestinationsException(
						"Entry " + index + " of the environment variable '" + VARIABLE + "' has no \"name\".",
						"Give every destination of '" + VARIABLE + "' a \"name\".");
			}
			destinations.add(canonical);
			index++;
		}
		return destinations;
	}

	/** @return the properties with the Destination service's key names, {@code Type} HTTP when none */
	private static Map<String, String> canonical(Map<String, String> properties) {
		Map<String, String> canonical = new LinkedHashMap<>();
		properties.forEach((key, value) -> canonical.put(canonicalKey(key), value));
		canonical.putIfAbsent("Type", "HTTP");
		return canonical;
	}

	private static String canonicalKey(String key) {
		String known = KEYS.get(key);
		if (known != null) {
			return known;
		}
		String lower = key.toLowerCase(Locale.ROOT);
		for (String prefix : List.of("URL.headers.", "URL.queries.")) {
			if (lower.startsWith(prefix.toLowerCase(Locale.ROOT))) {
				return prefix + key.substring(prefix.length());
			}
		}
		return key;
	}

	private static void add(Map<String, Destination> destinations, Map<String, String> properties, String source) {
		try {
			destinations.put(properties.get("Name"),
					Destination.of(properties, List.of(), List.of(), DestinationLevel.LOCAL));
		}
		catch (IllegalArgumentException ex) {
			throw new LocalDestinationsException("The local destination of " + source + " cannot be read: "
					+ PeerText.description(ex.getMessage()) + ".",
					"Give it the keys its Type needs, as the Destination service names them (HTTP: URL; MAIL: "
							+ "mail.smtp.host; LDAP: ldap.url; TCP: Address).");
		}
	}

	/** @return whether no destination is defined locally */
	boolean isEmpty() {
		return this.destinations.isEmpty();
	}

	/**
	 * @param name a destination's name
	 * @return the local destination of that name
	 */
	Optional<Destination> get(String name) {
		return Optional.ofNullable(this.destinations.get(name));
	}

	/** @return the local destinations, by name */
	Map<String, Destination> all() {
		return this.destinations;
	}

}
