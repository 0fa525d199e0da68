package dev.btpboot.destination;

import java.util.Locale;

/** How a destination's system is reached ({@code ProxyType}). */
public enum ProxyType {

	/** Directly over the internet. */
	INTERNET,

	/** Through the connectivity proxy and the Cloud Connector. */
	ON_PREMISE,

	/** Through an SAP Private Link endpoint. */
	PRIVATE_LINK;

	/**
	 * @param value the destination's {@code ProxyType}, or {@code null}
	 * @return the proxy type; {@link #INTERNET} when none is set, as the Destination service does
	 * @throws IllegalArgumentException for another value
	 */
	static ProxyType of(String value) {
		if (value == null || value.isBlank()) {
			return INTERNET;
		}
		return switch (value.trim().toLowerCase(Locale.ROOT)) {
			case "internet" -> INTERNET;
			case "onpremise" -> ON_PREMISE;
			case "privatelink" -> PRIVATE_LINK;
			default -> throw new IllegalArgumentException("unknown ProxyType '" + value + "'");
		};
	}

}
