package dev.btpboot.testing;

/** A destination binding added to {@code VCAP_SERVICES}, as Cloud Foundry sets it, for tests. */
public final class DestinationBinding {

	private DestinationBinding() {
	}

	/**
	 * @param vcapServices {@code VCAP_SERVICES} JSON with other bindings, e.g.
	 * {@link ConnectivityBinding#vcapServices}
	 * @param serviceUri the Destination service's {@code uri}
	 * @return the same JSON with a destination binding {@code dest} (client {@code sb-dest}) added
	 */
	public static String addTo(String vcapServices, String serviceUri) {
		String destination = """
				"destination": [{"name": "dest", "label": "destination", "tags": ["destination"],
				  "credentials": {"clientid": "sb-dest", "clientsecret": "dest-secret", "url": "http://127.0.0.1:1",
				  "uri": "%s"}}]""".formatted(serviceUri).replace("\n", " ");
		return vcapServices.substring(0, vcapServices.lastIndexOf('}')) + ", " + destination + "}";
	}

}
