package dev.btpboot.destination;

import dev.btpboot.token.PeerText;

/**
 * One entry of a destination's {@code certificates}: a key store or certificate uploaded with it.
 * {@link #toString()} never shows the content.
 *
 * @param name {@code Name}, such as {@code client.p12}
 * @param content {@code Content}: the file, Base64-encoded
 * @param type {@code Type}, such as {@code CERTIFICATE}
 */
public record DestinationCertificate(String name, String content, String type) {

	@Override
	public String toString() {
		return "DestinationCertificate[name=" + PeerText.description(this.name) + ", type="
				+ PeerText.description(this.type) + "]";
	}

}
