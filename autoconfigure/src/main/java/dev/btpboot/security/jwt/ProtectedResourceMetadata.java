package dev.btpboot.security.jwt;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.btpboot.binding.ServiceBindings;
import dev.btpboot.security.BtpSecurityProperties;
import dev.btpboot.security.PeerAddresses;
import dev.btpboot.security.SecurityModeException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.env.Environment;
import org.springframework.util.StringUtils;

/**
 * The OAuth 2.0 protected resource metadata (RFC 9728) of JWT mode, decided once for both stacks:
 * served only when {@code btp.security.protected-resource-metadata.enabled=true}, and then with the
 * {@code resource} of configuration (by default the application's first route of
 * {@code VCAP_APPLICATION}), never one taken from the request's {@code Host} header, which a
 * client chooses. The servlet and the reactive chain serve {@link #json()} at {@link #path()} to
 * anonymous requests and name {@link #url()} in the {@code resource_metadata} parameter of their
 * 401 challenge ({@link BearerChallenge}).
 */
public final class ProtectedResourceMetadata {

	/** The well-known path of the metadata (RFC 9728, section 3). */
	public static final String WELL_KNOWN_PATH = "/.well-known/oauth-protected-resource";

	private static final String PREFIX = BtpSecurityProperties.PREFIX + ".protected-resource-metadata";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final String path;

	private final String url;

	private final String json;

	private ProtectedResourceMetadata(URI resource, List<String> authorizationServers) {
		String resourcePath = (resource.getRawPath() != null && !resource.getRawPath().equals("/"))
				? resource.getRawPath() : "";
		this.path = WELL_KNOWN_PATH + resourcePath;
		this.url = resource.getScheme() + "://" + resource.getRawAuthority() + this.path;
		Map<String, Object> document = new LinkedHashMap<>();
		document.put("resource", resource.toString());
		if (!authorizationServers.isEmpty()) {
			document.put("authorization_servers", authorizationServers);
		}
		document.put("bearer_methods_supported", List.of("header"));
		document.put("tls_client_certificate_bound_access_tokens", true);
		this.json = JSON.writeValueAsString(document);
	}

	/**
	 * @param properties {@code btp.security.protected-resource-metadata}
	 * @param bindings the bound services, whose {@code url} are the default authorization servers
	 * @param environment the environment, for {@code VCAP_APPLICATION}
	 * @return the metadata, or {@code null} when it is not enabled
	 * @throws SecurityModeException when it is enabled without a resource that can be one
	 */
	public static ProtectedResourceMetadata of(BtpSecurityProperties.ProtectedResourceMetadata properties,
			ServiceBindings bindings, Environment environment) {
		if (!properties.isEnabled()) {
			return null;
		}
		String configured = properties.getResource();
		String resource = StringUtils.hasText(configured) ? configured.trim() : firstRoute(environment);
		if (resource == null) {
			throw new SecurityModeException(PREFIX + ".enabled=true is set, but no resource is configured and "
					+ "VCAP_APPLICATION names no route to take it from.",
					"Set " + PREFIX + ".resource to the https URL clients call the application at, e.g. "
							+ "https://my-app.cfapps.eu10.hana.ondemand.com.");
		}
		List<String> authorizationServers = new ArrayList<>();
		if (properties.getAuthorizationServers() != null) {
			authorizationServers.addAll(properties.getAuthorizationServers());
		}
		else {
			bindings.identity().ifPresent((identity) -> authorizationServers.add(identity.url().toString()));
			bindings.xsuaa().ifPresent((xsuaa) -> authorizationServers.add(xsuaa.url().toString()));
		}
		return new ProtectedResourceMetadata(resourceUri(resource), List.copyOf(authorizationServers));
	}

	/** @return {@code https://<first route>} of {@code VCAP_APPLICATION}, or {@code null} */
	private static String firstRoute(Environment environment) {
		String application = environment.getProperty("VCAP_APPLICATION");
		if (!StringUtils.hasText(application)) {
			return null;
		}
		try {
			JsonNode uris = JSON.readTree(application).path("application_uris");
			String route = uris.path(0).asString("");
			return route.isBlank() ? null : "https://" + route.trim();
		}
		catch (JacksonException ex) {
			// Its position only: parser messages quote the input.
			return null;
		}
	}

	private static URI resourceUri(String resource) {
		URI uri;
		try {
			uri = new URI(resource);
		}
		catch (URISyntaxException ex) {
			uri = null;
		}
		String scheme = (uri != null && uri.getScheme() != null) ? uri.getScheme().toLowerCase(Locale.ROOT) : "";
		boolean local = uri != null && uri.getHost() != null
				&& ("localhost".equalsIgnoreCase(uri.getHost()) || PeerAddresses.isLoopback(uri.getHost()));
		if (uri == null || uri.getHost() == null || uri.getRawUserInfo() != null || uri.getRawQuery() != null
				|| uri.getRawFragment() != null
				|| !(scheme.equals("https") || (scheme.equals("http") && local))) {
			throw new SecurityModeException(
					PREFIX + ".resource '" + resource + "' is not an https URL without user, query and fragment.",
					"Set it to the https URL clients call the application at, e.g. "
							+ "https://my-app.cfapps.eu10.hana.ondemand.com (http only for localhost).");
		}
		return uri;
	}

	/** @return the path the application serves the metadata at, below its context or base path */
	public String path() {
		return this.path;
	}

	/** @return the URL of the metadata, for the {@code resource_metadata} parameter of a challenge */
	public String url() {
		return this.url;
	}

	/** @return the metadata document */
	public String json() {
		return this.json;
	}

}
