package dev.btpboot.destination;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A destination of {@code Type} {@code HTTP}. */
public final class HttpDestination extends Destination {

	private final URI url;

	private final String authentication;

	private final Map<String, String> headers;

	private final Map<String, String> queries;

	HttpDestination(Map<String, String> properties, List<AuthToken> authTokens,
			List<DestinationCertificate> certificates, DestinationLevel level) {
		super(properties, authTokens, certificates, level, "");
		this.url = uri(required("URL"));
		String configured = first("Authentication");
		this.authentication = (configured != null) ? configured : "NoAuthentication";
		this.headers = prefixed(properties, "URL.headers.");
		this.queries = prefixed(properties, "URL.queries.");
	}

	private static URI uri(String value) {
		try {
			URI uri = URI.create(value);
			if (uri.getScheme() == null || uri.getHost() == null) {
				throw new IllegalArgumentException("property 'URL' is not an absolute URL");
			}
			return uri;
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException("property 'URL' is not an absolute URL");
		}
	}

	private static Map<String, String> prefixed(Map<String, String> properties, String prefix) {
		Map<String, String> selected = new LinkedHashMap<>();
		properties.forEach((key, value) -> {
			if (key.startsWith(prefix) && key.length() > prefix.length()) {
				selected.put(key.substring(prefix.length()), value);
			}
		});
		return Map.copyOf(selected);
	}

	@Override
	public String type() {
		return "HTTP";
	}

	/** @return {@code URL}: the base URL of requests */
	public URI url() {
		return this.url;
	}

	/** @return {@code Authentication}; {@code NoAuthentication} when none is set */
	public String authentication() {
		return this.authentication;
	}

	/** @return {@code User}, or {@code null} */
	public String user() {
		return first("User");
	}

	/** @return {@code Password}, or {@code null} */
	public String password() {
		return first("Password");
	}

	/** @return the {@code URL.headers.<name>} settings by header name, sent with every request */
	public Map<String, String> headers() {
		return this.headers;
	}

	/** @return the {@code URL.queries.<name>} settings by parameter name, added to every request */
	public Map<String, String> queries() {
		return this.queries;
	}

}
