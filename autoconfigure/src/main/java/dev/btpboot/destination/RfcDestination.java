package dev.btpboot.destination;

import java.util.List;
import java.util.Map;

/** A destination of {@code Type} {@code RFC}: its properties only; there is no RFC client. */
public final class RfcDestination extends Destination {

	RfcDestination(Map<String, String> properties, List<AuthToken> authTokens,
			List<DestinationCertificate> certificates, DestinationLevel level) {
		super(properties, authTokens, certificates, level, "");
	}

	@Override
	public String type() {
		return "RFC";
	}

}
