package dev.btpboot.binding;

import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;
import java.util.function.Supplier;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * An X.509 client identity for mutual TLS: a certificate chain and its private key, ready as a
 * {@link KeyStore} and an {@link SSLContext}. {@link #toString()} shows the subject only.
 */
public final class X509Identity implements ClientAuthentication {

	private static final String ALIAS = "client";

	private final List<X509Certificate> chain;

	private final PrivateKey privateKey;

	private final char[] keyStorePassword;

	private final KeyStore keyStore;

	private final SSLContext sslContext;

	X509Identity(List<X509Certificate> chain, PrivateKey privateKey) throws GeneralSecurityException {
		this.chain = List.copyOf(chain);
		this.privateKey = privateKey;
		byte[] random = new byte[18];
		new SecureRandom().nextBytes(random);
		// The key store lives in memory only; a random password keeps it from being a known value.
		this.keyStorePassword = Base64.getEncoder().encodeToString(random).toCharArray();
		this.keyStore = KeyStore.getInstance("PKCS12");
		try {
			this.keyStore.load(null, null);
		}
		catch (java.io.IOException ex) {
			throw new GeneralSecurityException(ex);
		}
		this.keyStore.setKeyEntry(ALIAS, privateKey, this.keyStorePassword, chain.toArray(new X509Certificate[0]));
		KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
		keyManagers.init(this.keyStore, this.keyStorePassword);
		this.sslContext = SSLContext.getInstance("TLS");
		this.sslContext.init(keyManagers.getKeyManagers(), null, null);
	}

	/**
	 * Reads an identity from PEM text.
	 * @param certificatePem one or more {@code CERTIFICATE} blocks, the leaf first
	 * @param keyPem a PKCS#8 ({@code PRIVATE KEY}), PKCS#1 ({@code RSA PRIVATE KEY}) or SEC1
	 * ({@code EC PRIVATE KEY}) block
	 * @return the identity
	 * @throws IllegalArgumentException when the PEM does not parse or the key does not belong to
	 * the certificate; the message never contains key material
	 */
	public static X509Identity fromPem(String certificatePem, String keyPem) {
		List<X509Certificate> chain = part(InvalidPem.CERTIFICATE, () -> PemDecoder.certificates(certificatePem));
		PrivateKey key = part(InvalidPem.KEY, () -> PemDecoder.privateKey(keyPem));
		part(InvalidPem.KEY, () -> {
			PemDecoder.checkKeyMatches(key, chain.get(0));
			return key;
		});
		try {
			return new X509Identity(chain, key);
		}
		catch (GeneralSecurityException ex) {
			throw new InvalidPem(InvalidPem.KEY, "cannot build a key store from the certificate and key: "
					+ ex.getClass().getSimpleName(), ex);
		}
	}

	private static <T> T part(String part, Supplier<T> read) {
		try {
			return read.get();
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidPem(part, ex.getMessage(), null);
		}
	}

	@Override
	public String type() {
		return "x509";
	}

	/** @return the certificate chain, leaf first */
	public List<X509Certificate> certificateChain() {
		return this.chain;
	}

	/** @return the private key of the leaf certificate */
	public PrivateKey privateKey() {
		return this.privateKey;
	}

	/** @return an in-memory PKCS#12 key store holding the key and chain */
	public KeyStore keyStore() {
		return this.keyStore;
	}

	/** @return the password of {@link #keyStore()} and its key entry */
	public char[] keyStorePassword() {
		return this.keyStorePassword.clone();
	}

	/** @return a TLS context that presents this identity and trusts the JVM's default CAs */
	public SSLContext sslContext() {
		return this.sslContext;
	}

	@Override
	public String toString() {
		X509Certificate leaf = this.chain.get(0);
		return "X509Identity[subject=" + leaf.getSubjectX500Principal().getName() + ", notAfter="
				+ leaf.getNotAfter().toInstant() + "]";
	}

	/** PEM input that does not make an identity; {@link #part()} says which input is at fault. */
	static final class InvalidPem extends IllegalArgumentException {

		static final String CERTIFICATE = "certificate";

		static final String KEY = "key";

		private final String part;

		InvalidPem(String part, String message, Throwable cause) {
			super(message, cause);
			this.part = part;
		}

		/** @return {@code certificate} or {@code key}, as the fields of a binding are named */
		String part() {
			return this.part;
		}

	}

}
