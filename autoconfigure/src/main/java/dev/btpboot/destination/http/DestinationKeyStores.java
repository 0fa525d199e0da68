package dev.btpboot.destination.http;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Base64;
import java.util.Locale;

import dev.btpboot.destination.DestinationCertificate;
import dev.btpboot.destination.DestinationException;
import dev.btpboot.destination.DestinationException.Step;
import dev.btpboot.destination.HttpDestination;

import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslStoreBundle;

/**
 * The TLS material of {@code ClientCertificateAuthentication}: the key store named by
 * {@code KeyStoreLocation} (and the trust store named by {@code TrustStoreLocation}, else the
 * JVM's CAs) from the destination's {@code certificates}, as PKCS#12 ({@code .p12}, {@code .pfx})
 * or JKS ({@code .jks}).
 */
final class DestinationKeyStores {

	private DestinationKeyStores() {
	}

	static SslBundle bundle(HttpDestination destination, String tenant) {
		String keyPassword = destination.property("KeyStorePassword").orElse("");
		KeyStore keyStore = load(destination, tenant, "KeyStoreLocation", keyPassword);
		if (keyStore == null) {
			throw failure(destination, tenant, "ClientCertificateAuthentication needs the property KeyStoreLocation");
		}
		KeyStore trustStore = load(destination, tenant, "TrustStoreLocation",
				destination.property("TrustStorePassword").orElse(""));
		return SslBundle.of(SslStoreBundle.of(keyStore, keyPassword, trustStore));
	}

	private static KeyStore load(HttpDestination destination, String tenant, String locationProperty, String password) {
		String location = destination.property(locationProperty).orElse(null);
		if (location == null) {
			return null;
		}
		DestinationCertificate file = destination.certificates()
			.stream()
			.filter((certificate) -> location.equals(certificate.name()))
			.findFirst()
			.orElseThrow(() -> failure(destination, tenant,
					locationProperty + " '" + location + "' is not among the destination's certificates"));
		String name = location.toLowerCase(Locale.ROOT);
		String type = (name.endsWith(".p12") || name.endsWith(".pfx")) ? "PKCS12" : name.endsWith(".jks") ? "JKS" : null;
		if (type == null || file.content() == null) {
			throw failure(destination, tenant, locationProperty + " '" + location + "' is not a .p12, .pfx or .jks file");
		}
		try {
			KeyStore store = KeyStore.getInstance(type);
			store.load(new ByteArrayInputStream(Base64.getMimeDecoder().decode(file.content())), password.toCharArray());
			return store;
		}
		catch (GeneralSecurityException | IOException | IllegalArgumentException ex) {
			throw failure(destination, tenant, locationProperty + " '" + location + "' cannot be read with its password ("
					+ ex.getClass().getSimpleName() + ")");
		}
	}

	private static DestinationException failure(HttpDestination destination, String tenant, String problem) {
		return new DestinationException(destination.name(), tenant, Step.CONNECT, problem);
	}

}
