package dev.btpboot.destination;

import java.time.Instant;

import dev.btpboot.token.PeerText;

/**
 * One entry of a destination's {@code authTokens}: what the Destination service obtained for its
 * authentication type. {@link #toString()} never shows the token, and shows the service's text
 * only as {@link PeerText} lets it through.
 *
 * @param type {@code type} (such as {@code Bearer}), or {@code null}
 * @param value {@code value}: the token, or {@code null} when there is an error
 * @param headerName {@code http_header.key}, or {@code null}
 * @param headerValue {@code http_header.value}, or {@code null}
 * @param expiresAt when {@code expires_in} ends, or {@code null} when the service gave none
 * @param error {@code error}: why the service could not obtain the token, or {@code null}
 */
public record AuthToken(String type, String value, String headerName, String headerValue, Instant expiresAt,
		String error) {

	@Override
	public String toString() {
		return "AuthToken[type=" + PeerText.description(this.type) + ", value=****, header="
				+ PeerText.description(this.headerName) + ", expiresAt=" + this.expiresAt
				+ ((this.error != null) ? ", error=" + PeerText.description(this.error) : "") + "]";
	}

}
