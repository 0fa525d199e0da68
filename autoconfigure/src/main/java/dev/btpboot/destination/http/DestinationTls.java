package dev.btpboot.destination.http;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

import dev.btpboot.destination.DestinationCertificate;
import dev.btpboot.destination.DestinationException;
import dev.btpboot.destination.DestinationException.Step;
import dev.btpboot.destination.HttpDestination;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundleKey;
import org.springframework.boot.ssl.SslManagerBundle;
import org.springframework.boot.ssl.SslOptions;
import org.springframework.boot.ssl.SslStoreBundle;
import org.springframework.boot.ssl.pem.PemContent;

/**
 * The TLS settings of an HTTP destination, from its properties and the files of its
 * {@code certificates}:
 * <ul>
 * <li>{@code ClientCertificateAuthentication}: the key store named by {@code KeyStoreLocation}
 * ({@code .p12}, {@code .pfx}, {@code .jks}, or {@code .pem} with the certificate chain and the
 * private key, which {@code KeyStorePassword} decrypts when it is encrypted);</li>
 * <li>{@code TrustStoreLocation}: trusted certificates ({@code .jks}, {@code .p12}, {@code .pfx},
 * {@code .pem}, {@code .crt}, {@code .cer}, {@code .der}) in addition to the JVM's, as the
 * Destination service documents;</li>
 * <li>{@code TLSVersion}: the only protocol enabled, such as {@code TLSv1.2};</li>
 * <li>{@code TrustAll=true}: the server's certificate is not checked, outside production only
 * (in production it is refused, naming what says production).</li>
 * </ul>
 */
final class DestinationTls {

	private static final Log logger = LogFactory.getLog(DestinationTls.class);

	static final String CLIENT_CERTIFICATE = "ClientCertificateAuthentication";

	private static final String KEY_ALIAS = "destination-key";

	private static final Set<String> KEY_STORES = Set.of("p12", "pfx", "jks", "pem");

	private static final Set<String> TRUST_STORES = Set.of("jks", "p12", "pfx", "pem", "crt", "cer", "der");

	private DestinationTls() {
	}

	/** @return whether the destination needs TLS settings of its own */
	static boolean isCustom(HttpDestination destination) {
		return CLIENT_CERTIFICATE.equals(destination.authentication())
				|| destination.property("TrustStoreLocation").isPresent() || trustAll(destination)
				|| destination.property("TLSVersion").isPresent();
	}

	private static boolean trustAll(HttpDestination destination) {
		return destination.property("TrustAll").map((value) -> value.equalsIgnoreCase("true")).orElse(false);
	}

	/**
	 * @param destination the destination, {@link #isCustom custom}
	 * @param tenant the tenant's id, or {@code null}, for messages
	 * @param production what says the application runs in production; empty when nothing does
	 * @return the bundle of the destination's TLS settings
	 * @throws DestinationException when a file is missing or unreadable, a setting is invalid, or
	 * {@code TrustAll} is set in production
	 */
	static SslBundle bundle(HttpDestination destination, String tenant, List<String> production) {
		String keyPassword = destination.property("KeyStorePassword").orElse("");
		KeyStore keyStore = null;
		if (CLIENT_CERTIFICATE.equals(destination.authentication())) {
			if (destination.property("KeyStoreLocation").isEmpty()) {
				throw failure(destination, tenant, "ClientCertificateAuthentication needs the property KeyStoreLocation");
			}
			keyStore = keyStore(destination, tenant, keyPassword);
		}
		SslOptions options = options(destination, tenant);
		if (trustAll(destination)) {
			if (!production.isEmpty()) {
				throw failure(destination, tenant, "TrustAll=true is refused in production (" + String.join(", ", production)
						+ "): the server's certificate would not be checked; upload its CA as TrustStoreLocation instead");
			}
			logger.warn("Destination '" + destination.name() + "' sets TrustAll=true: the certificate of "
					+ destination.url().getHost() + " is not checked (refused in production)");
			SslStoreBundle stores = SslStoreBundle.of(keyStore, keyPassword, null);
			SslManagerBundle keys = SslManagerBundle.from(stores, SslBundleKey.of(keyPassword));
			SslManagerBundle managers = SslManagerBundle.of(keys.getKeyManagerFactory(),
					SslManagerBundle.from(new TrustingEveryServer()).getTrustManagerFactory());
			return SslBundle.of(stores, SslBundleKey.of(keyPassword), options, SslBundle.DEFAULT_PROTOCOL, managers);
		}
		KeyStore trustStore = destination.property("TrustStoreLocation").isPresent()
				? trustStore(destination, tenant) : null;
		return SslBundle.of(SslStoreBundle.of(keyStore, keyPassword, trustStore), SslBundleKey.of(keyPassword), options);
	}

	private static SslOptions options(HttpDestination destination, String tenant) {
		String version = destination.property("TLSVersion").orElse(null);
		if (version == null) {
			return SslOptions.NONE;
		}
		String protocol = version.matches("\\d\\.\\d") ? "TLSv" + version : version;
		try {
			if (!List.of(SSLContext.getDefault().getSupportedSSLParameters().getProtocols()).contains(protocol)) {
				throw failure(destination, tenant, "TLSVersion '" + version + "' is not a protocol of this JVM (such as "
						+ "TLSv1.2, TLSv1.3)");
			}
		}
		catch (GeneralSecurityException ex) {
			throw failure(destination, tenant, "the JVM has no default TLS context");
		}
		return SslOptions.of(null, new String[] { protocol });
	}

	private static KeyStore keyStore(HttpDestination destination, String tenant, String password) {
		DestinationCertificate file = file(destination, tenant, "KeyStoreLocation", KEY_STORES);
		String extension = extension(file.name());
		byte[] content = content(destination, tenant, "KeyStoreLocation", file);
		try {
			if (!extension.equals("pem")) {
				return load(extension, content, password);
			}
			PemContent pem = PemContent.of(new String(content, StandardCharsets.US_ASCII));
			List<X509Certificate> chain = pem.getCertificates();
			PrivateKey key = pem.getPrivateKey(password.isEmpty() ? null : password);
			if (chain.isEmpty() || key == null) {
				throw failure(destination, tenant,
						"KeyStoreLocation '" + file.name() + "' needs the certificate chain and the private key as PEM");
			}
			KeyStore store = KeyStore.getInstance("PKCS12");
			store.load(null, null);
			store.setKeyEntry(KEY_ALIAS, key, password.toCharArray(), chain.toArray(Certificate[]::new));
			return store;
		}
		catch (GeneralSecurityException | IOException | IllegalArgumentException | IllegalStateException ex) {
			throw failure(destination, tenant, "KeyStoreLocation '" + file.name() + "' cannot be read with its password ("
					+ ex.getClass().getSimpleName() + ")");
		}
	}

	private static KeyStore trustStore(HttpDestination destination, String tenant) {
		DestinationCertificate file = file(destination, tenant, "TrustStoreLocation", TRUST_STORES);
		String extension = extension(file.name());
		byte[] content = content(destination, tenant, "TrustStoreLocation", file);
		try {
			List<Certificate> trusted = new ArrayList<>();
			if (Set.of("jks", "p12", "pfx").contains(extension)) {
				KeyStore store = load(extension, content, destination.property("TrustStorePassword").orElse(""));
				for (String alias : java.util.Collections.list(store.aliases())) {
					if (store.getCertificate(alias) != null) {
						trusted.add(store.getCertificate(alias));
					}
				}
			}
			else {
				// PEM text or DER bytes alike: the JDK reads both.
				trusted.addAll(CertificateFactory.getInstance("X.509").generateCertificates(new ByteArrayInputStream(content)));
			}
			if (trusted.isEmpty()) {
				throw failure(destination, tenant, "TrustStoreLocation '" + file.name() + "' holds no certificate");
			}
			KeyStore store = KeyStore.getInstance("PKCS12");
			store.load(null, null);
			int index = 0;
			for (Certificate certificate : trusted) {
				store.setCertificateEntry("destination-" + index++, certificate);
			}
			// The JVM's CAs stay trusted: the Destination service appends them to the destination's.
			for (X509Certificate certificate : jvmTrust().getAcceptedIssuers()) {
				store.setCertificateEntry("jvm-" + index++, certificate);
			}
			return store;
		}
		catch (GeneralSecurityException | IOException | IllegalArgumentException ex) {
			throw failure(destination, tenant, "TrustStoreLocation '" + file.name() + "' cannot be read ("
					+ ex.getClass().getSimpleName() + ")");
		}
	}

	private static X509TrustManager jvmTrust() throws GeneralSecurityException {
		TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
		factory.init((KeyStore) null);
		for (TrustManager manager : factory.getTrustManagers()) {
			if (manager instanceof X509TrustManager x509) {
				return x509;
			}
		}
		throw new GeneralSecurityException("the JVM has no X.509 trust manager");
	}

	private static KeyStore load(String extension, byte[] content, String password)
			throws GeneralSecurityException, IOException {
		KeyStore store = KeyStore.getInstance(extension.equals("jks") ? "JKS" : "PKCS12");
		store.load(new ByteArrayInputStream(content), password.toCharArray());
		return store;
	}

	private static DestinationCertificate file(HttpDestination destination, String tenant, String property,
			Set<String> extensions) {
		String location = destination.property(property).orElseThrow();
		DestinationCertificate file = destination.certificates()
			.stream()
			.filter((certificate) -> location.equals(certificate.name()))
			.findFirst()
			.orElseThrow(() -> failure(destination, tenant,
					property + " '" + location + "' is not among the destination's certificates"));
		if (!extensions.contains(extension(location))) {
			throw failure(destination, tenant, property + " '" + location + "' is not a ."
					+ String.join(", .", extensions.stream().sorted().toList()) + " file");
		}
		return file;
	}

	private static byte[] content(HttpDestination destination, String tenant, String property,
			DestinationCertificate file) {
		try {
			return Base64.getMimeDecoder().decode((file.content() != null) ? file.content() : "");
		}
		catch (IllegalArgumentException ex) {
			throw failure(destination, tenant, property + " '" + file.name() + "' is not Base64-encoded");
		}
	}

	private static String extension(String name) {
		int dot = name.lastIndexOf('.');
		return (dot >= 0) ? name.substring(dot + 1).toLowerCase(Locale.ROOT) : "";
	}

	private static DestinationException failure(HttpDestination destination, String tenant, String problem) {
		return new DestinationException(destination.name(), tenant, Step.CONNECT, problem);
	}

	/** {@code TrustAll}: every server certificate is accepted (never in production). */
	private static final class TrustingEveryServer extends javax.net.ssl.X509ExtendedTrustManager {

		@Override
		public void checkClientTrusted(X509Certificate[] chain, String authType) {
		}

		@Override
		public void checkServerTrusted(X509Certificate[] chain, String authType) {
		}

		@Override
		public void checkClientTrusted(X509Certificate[] chain, String authType, java.net.Socket socket) {
		}

		@Override
		public void checkServerTrusted(X509Certificate[] chain, String authType, java.net.Socket socket) {
		}

		@Override
		public void checkClientTrusted(X509Certificate[] chain, String authType, javax.net.ssl.SSLEngine engine) {
		}

		@Override
		public void checkServerTrusted(X509Certificate[] chain, String authType, javax.net.ssl.SSLEngine engine) {
		}

		@Override
		public X509Certificate[] getAcceptedIssuers() {
			return new X509Certificate[0];
		}

	}

}
