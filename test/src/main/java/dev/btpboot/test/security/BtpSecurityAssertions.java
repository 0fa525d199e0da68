package dev.btpboot.test.security;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * Assertions about the security of a running application under test.
 *
 * <pre class="code">
 * &#064;SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
 * class NoOpenEndpointsTests {
 *
 *     &#064;Test
 *     void noEndpointIsOpenByAccident(&#064;Autowired ApplicationContext context) {
 *         BtpSecurityAssertions.assertNoOpenEndpoints(context);
 *     }
 *
 * }
 * </pre>
 */
public final class BtpSecurityAssertions {

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	/**
	 * Paths that filters answer themselves, out of sight of the handler mappings: Spring Security's
	 * protected resource metadata (RFC 9728), its generated login and logout pages and password
	 * change redirect, and Spring Authorization Server's discovery and key endpoints.
	 */
	static final List<String> FILTER_SERVED_PATHS = List.of("/.well-known/oauth-protected-resource", "/login",
			"/logout", "/.well-known/change-password", "/.well-known/openid-configuration",
			"/.well-known/oauth-authorization-server", "/oauth2/jwks");

	private BtpSecurityAssertions() {
	}

	/**
	 * Sends an anonymous request for every path and method the application maps (controllers,
	 * functional routes, actuator endpoints, static resources; path variables and wildcards filled
	 * with {@code 1}), Spring MVC or WebFlux, and fails listing each one that answers anything but
	 * 401 or 403. Paths that filters serve themselves (protected resource metadata, generated login
	 * and logout pages, an authorization server's discovery) are asked for too, and listed when they
	 * answer anything but 401, 403 or 404. Paths of {@code btp.security.public-paths}, the liveness
	 * and readiness probes of the actuator, and the protected resource metadata when
	 * {@code btp.security.protected-resource-metadata.enabled=true} are meant to be open and are not
	 * requested. The requests go to the running server on loopback; a WebFlux application without a
	 * server gets them through its {@code HttpHandler}, web filters included.
	 * @param context the context of a {@code @SpringBootTest} with a running server
	 * ({@code webEnvironment = RANDOM_PORT} or {@code DEFINED_PORT}); for WebFlux also the default
	 * mock environment
	 * @throws AssertionError naming each endpoint that answered an anonymous request
	 */
	public static void assertNoOpenEndpoints(ApplicationContext context) {
		Environment environment = context.getEnvironment();
		boolean reactive = MappedEndpoints.isReactive(context);
		AnonymousRequests anonymous = anonymousRequests(context, reactive);
		List<MappedEndpoint> endpoints = MappedEndpoints.of(context);
		if (endpoints.isEmpty()) {
			throw new IllegalStateException("assertNoOpenEndpoints found no Spring MVC or WebFlux handler mapping in "
					+ context.getDisplayName());
		}
		List<PathPattern> open = openByIntent(environment);
		Map<String, MappedEndpoint> requests = new LinkedHashMap<>();
		for (MappedEndpoint endpoint : endpoints) {
			String path = endpoint.samplePath();
			if (!isOpenByIntent(open, path)) {
				requests.putIfAbsent(endpoint.method() + " " + path, endpoint);
			}
		}
		List<String> answered = new ArrayList<>();
		requests.forEach((request, endpoint) -> {
			int status = anonymous.statusOf(endpoint.method(), endpoint.samplePath());
			if (status != 401 && status != 403) {
				answered.add("  " + request + " answered " + status + " (mapped as " + endpoint.pattern() + " by "
						+ endpoint.handler() + ")");
			}
		});
		int asked = requests.size();
		for (String path : FILTER_SERVED_PATHS) {
			if (requests.containsKey("GET " + path) || isOpenByIntent(open, path)) {
				continue;
			}
			asked++;
			int status = anonymous.statusOf("GET", path);
			if (status != 401 && status != 403 && status != 404) {
				answered.add("  GET " + path + " answered " + status + " (served by a filter, not a handler)");
			}
		}
		if (!answered.isEmpty()) {
			throw new AssertionError(answered.size() + " of " + asked
					+ " endpoints answered an anonymous request with neither 401 nor 403 "
					+ "(open on purpose? add the path to btp.security.public-paths):\n" + String.join("\n", answered));
		}
	}

	/** The running server on loopback, or for WebFlux without one, the application's handler. */
	private static AnonymousRequests anonymousRequests(ApplicationContext context, boolean reactive) {
		Environment environment = context.getEnvironment();
		Integer port = environment.getProperty("local.server.port", Integer.class);
		if (port != null) {
			String basePath = reactive ? environment.getProperty("spring.webflux.base-path", "")
					: environment.getProperty("server.servlet.context-path", "");
			HttpClient client = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
			return (method, path) -> send(client, method, "http://127.0.0.1:" + port + basePath + path);
		}
		if (reactive) {
			return WebFluxEndpoints.boundTo(context, TIMEOUT);
		}
		throw new IllegalStateException("assertNoOpenEndpoints needs a running server: "
				+ "@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)");
	}

	private static boolean isOpenByIntent(List<PathPattern> open, String path) {
		return open.stream().anyMatch((pattern) -> pattern.matches(PathContainer.parsePath(path)));
	}

	/**
	 * {@code btp.security.public-paths}, where Spring Boot serves the liveness and readiness probes,
	 * and the protected resource metadata the starter serves when asked to.
	 */
	private static List<PathPattern> openByIntent(Environment environment) {
		Binder binder = Binder.get(environment);
		List<String> publicPaths = binder.bind("btp.security.public-paths", Bindable.listOf(String.class))
			.orElse(List.of());
		String actuator = environment.getProperty("management.endpoints.web.base-path", "/actuator");
		List<String> probes = Stream.of("liveness", "readiness")
			.flatMap((group) -> Stream.of(actuator + "/health/" + group,
					environment.getProperty("management.endpoint.health.group." + group + ".additional-path", "")))
			.filter((path) -> !path.isEmpty() && !path.startsWith("management:"))
			.map((path) -> path.startsWith("server:") ? path.substring("server:".length()) : path)
			.toList();
		List<String> metadata = binder.bind("btp.security.protected-resource-metadata.enabled", Boolean.class)
			.orElse(false) ? List.of("/.well-known/oauth-protected-resource/**") : List.of();
		return Stream.of(publicPaths, probes, metadata)
			.flatMap(List::stream)
			.map((pattern) -> PathPatternParser.defaultInstance.parse(pattern.replace("//", "/")))
			.toList();
	}

	private static int send(HttpClient client, String method, String url) {
		HttpRequest request = HttpRequest.newBuilder(URI.create(url))
			.method(method, HttpRequest.BodyPublishers.noBody())
			.timeout(TIMEOUT)
			.build();
		try {
			return client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
		}
		catch (IOException ex) {
			throw new IllegalStateException("Cannot send " + method + " " + url, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while sending " + method + " " + url, ex);
		}
	}

}
