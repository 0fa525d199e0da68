package dev.btpboot.test.security;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import dev.btpboot.security.BtpUser;
import dev.btpboot.security.mock.MockUsers;

import org.springframework.boot.env.PropertiesPropertySourceLoader;
import org.springframework.boot.env.PropertySourceLoader;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.boot.origin.Origin;
import org.springframework.boot.origin.OriginLookup;
import org.springframework.boot.origin.TextResourceOrigin;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.Environment;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * Where the mock users of a test come from, for the message of a {@link WithMockBtpUser} that
 * names no such user: the users the test has with the file (or other source) of each, and the
 * profile-specific configuration on the class path that defines the missing user but is not active.
 */
final class MockUserSources {

	private static final String PREFIX = "btp.security.mock.users";

	private static final String ON_PROFILE = "spring.config.activate.on-profile";

	private final Environment environment;

	MockUserSources(Environment environment) {
		this.environment = environment;
	}

	/**
	 * @param name the user a test asked for
	 * @param users the mock users of the test
	 * @return one line: the missing user, the users there are and where they come from, and what
	 * to do when the user is defined for a profile the test does not activate
	 */
	String describeMissing(String name, MockUsers users) {
		StringBuilder message = new StringBuilder("@WithMockBtpUser(\"" + name + "\"): no mock user '" + name
				+ "' in this test's configuration (active profiles: " + activeProfiles() + "). ");
		message.append("Mock users: ").append(describe(users)).append('.');
		Map<String, String> elsewhere = inactiveDefinitions(name);
		if (elsewhere.isEmpty()) {
			message.append(" Define it under ").append(PREFIX).append('.').append(name)
				.append(" in src/test/resources/application.yml (or in a profile's file the test activates).");
		}
		else {
			Set<String> profiles = new LinkedHashSet<>(elsewhere.values());
			message.append(" '").append(name).append("' is defined in ")
				.append(elsewhere.entrySet()
					.stream()
					.map((entry) -> entry.getKey() + " (profile '" + entry.getValue() + "')")
					.collect(Collectors.joining(", ")))
				.append(", which this test does not activate: add @ActiveProfiles(")
				.append(profiles.stream().map((profile) -> '"' + profile + '"').collect(Collectors.joining(", ")))
				.append(") to the test class.");
		}
		return message.toString();
	}

	private String activeProfiles() {
		String[] active = this.environment.getActiveProfiles();
		return (active.length > 0) ? String.join(", ", active) : "none";
	}

	private String describe(MockUsers users) {
		Map<String, String> origins = configuredUserOrigins();
		Map<String, List<String>> byOrigin = new LinkedHashMap<>();
		for (BtpUser user : users.users()) {
			String origin = origins.getOrDefault(user.name(), "default users");
			byOrigin.computeIfAbsent(origin, (key) -> new ArrayList<>()).add(user.name());
		}
		if (byOrigin.isEmpty()) {
			return "none (btp.security.mock.default-users=false and none configured)";
		}
		return byOrigin.entrySet()
			.stream()
			.map((entry) -> String.join(", ", entry.getValue()) + " (" + entry.getKey() + ")")
			.collect(Collectors.joining("; "));
	}

	/** The user names of the test's environment, each with the source of its first property. */
	private Map<String, String> configuredUserOrigins() {
		Map<String, String> origins = new LinkedHashMap<>();
		if (!(this.environment instanceof ConfigurableEnvironment configurable)) {
			return origins;
		}
		for (PropertySource<?> source : configurable.getPropertySources()) {
			if (source instanceof EnumerablePropertySource<?> enumerable) {
				for (String property : enumerable.getPropertyNames()) {
					String key = userKey(property);
					if (key != null) {
						String name = this.environment.getProperty(PREFIX + "." + key + ".name", key);
						origins.putIfAbsent(name, describeSource(source, property));
					}
				}
			}
		}
		return origins;
	}

	private static String describeSource(PropertySource<?> source, String property) {
		Origin origin = (source instanceof OriginLookup<?>) ? lookup(source, property) : null;
		if (origin instanceof TextResourceOrigin text && text.getResource() != null) {
			return text.getResource().getDescription();
		}
		return source.getName();
	}

	@SuppressWarnings("unchecked")
	private static Origin lookup(PropertySource<?> source, String property) {
		return ((OriginLookup<String>) source).getOrigin(property);
	}

	/**
	 * Profile-specific configuration on the class path that defines the user: files
	 * {@code application-<profile>.yml|yaml|properties} and documents with
	 * {@code spring.config.activate.on-profile}, for profiles that are not active.
	 * @return the description of each resource, with its profile
	 */
	private Map<String, String> inactiveDefinitions(String name) {
		Map<String, String> definitions = new LinkedHashMap<>();
		Set<String> active = Set.of(this.environment.getActiveProfiles());
		PathMatchingResourcePatternResolver resolver = new PathMatchingResourcePatternResolver();
		List<PropertySourceLoader> loaders = List.of(new YamlPropertySourceLoader(),
				new PropertiesPropertySourceLoader());
		for (PropertySourceLoader loader : loaders) {
			for (String extension : loader.getFileExtensions()) {
				for (String file : new String[] { "application", "application-*" }) {
					for (Resource resource : resources(resolver, "classpath*:" + file + "." + extension)) {
						String fileProfile = profileOf(resource.getFilename(), extension);
						for (PropertySource<?> document : load(loader, resource)) {
							Object onProfile = document.getProperty(ON_PROFILE);
							String profile = (onProfile != null) ? onProfile.toString() : fileProfile;
							if (profile != null && !active.contains(profile) && defines(document, name)) {
								definitions.putIfAbsent(describe(resource), profile);
							}
						}
					}
				}
			}
		}
		return definitions;
	}

	private static boolean defines(PropertySource<?> document, String name) {
		if (!(document instanceof EnumerablePropertySource<?> enumerable)) {
			return false;
		}
		return Arrays.stream(enumerable.getPropertyNames()).anyMatch((property) -> {
			String key = userKey(property);
			if (key == null) {
				return false;
			}
			Object explicitName = document.getProperty(PREFIX + "." + key + ".name");
			return name.equals((explicitName != null) ? explicitName.toString() : key);
		});
	}

	/** @return the key of the user a property belongs to, or {@code null} */
	private static String userKey(String property) {
		if (!property.startsWith(PREFIX + ".") && !property.startsWith(PREFIX + "[")) {
			return null;
		}
		String rest = property.substring(PREFIX.length() + 1);
		if (property.charAt(PREFIX.length()) == '[') {
			int end = rest.indexOf(']');
			return (end > 0) ? rest.substring(0, end) : null;
		}
		int end = rest.indexOf('.');
		return (end > 0) ? rest.substring(0, end) : null;
	}

	private static String profileOf(String filename, String extension) {
		String base = filename.substring(0, filename.length() - extension.length() - 1);
		return base.startsWith("application-") ? base.substring("application-".length()) : null;
	}

	private static String describe(Resource resource) {
		return "class path resource [" + resource.getFilename() + "]";
	}

	private static Resource[] resources(PathMatchingResourcePatternResolver resolver, String pattern) {
		try {
			return resolver.getResources(pattern);
		}
		catch (IOException ex) {
			return new Resource[0];
		}
	}

	private static List<PropertySource<?>> load(PropertySourceLoader loader, Resource resource) {
		try {
			return loader.load(resource.getFilename(), resource);
		}
		catch (IOException | RuntimeException ex) {
			// a file the application could not read either; the message goes on without it
			return List.of();
		}
	}

}
