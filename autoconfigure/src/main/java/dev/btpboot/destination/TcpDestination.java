package dev.btpboot.destination;

import java.util.List;
import java.util.Map;

/** A destination of {@code Type} {@code TCP}: {@code Address} is {@code host:port}, optionally {@code tcp://host:port}. */
public final class TcpDestination extends Destination {

	private final String host;

	private final int port;

	TcpDestination(Map<String, String> properties, List<AuthToken> authTokens,
			List<DestinationCertificate> certificates, DestinationLevel level) {
		super(properties, authTokens, certificates, level, "");
		String address = required("Address");
		if (address.startsWith("tcp://")) {
			address = address.substring("tcp://".length());
		}
		int colon = address.lastIndexOf(':');
		if (colon <= 0) {
			throw new IllegalArgumentException("property 'Address' is not host:port");
		}
		this.host = address.substring(0, colon);
		try {
			this.port = Integer.parseInt(address.substring(colon + 1));
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException("property 'Address' is not host:port");
		}
		if (this.port < 1 || this.port > 65535) {
			throw new IllegalArgumentException("property 'Address' is not host:port");
		}
	}

	@Override
	public String type() {
		return "TCP";
	}

	/** @return the host of {@code Address} (a virtual host when on premise) */
	public String host() {
		return this.host;
	}

	/** @return the port of {@code Address} */
	public int port() {
		return this.port;
	}

}
