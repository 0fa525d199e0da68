package dev.btpboot.data;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;

/**
 * The TLS socket factory a PostgreSQL JDBC URL built from a binding names ({@code sslfactory}):
 * it trusts exactly the CA certificates given inline as PEM ({@code sslfactoryarg}), every one of
 * a bundle (PgJDBC's {@code SingleCertValidatingFactory} reads only the first). Host names are
 * checked by the driver ({@code sslmode=verify-full}), not here. The driver creates one per
 * connection; the TLS context of a bundle is built once.
 */
public class PemTrustSocketFactory extends SSLSocketFactory {

	/** One context per CA bundle; a handful at most (rotations), so a small bound suffices. */
	private static final Map<String, SSLSocketFactory> factories = new ConcurrentHashMap<>();

	private final SSLSocketFactory delegate;

	/**
	 * @param pem the CA certificates, PEM ({@code BEGIN CERTIFICATE} blocks)
	 * @throws GeneralSecurityException when the text holds no certificate
	 */
	public PemTrustSocketFactory(String pem) throws GeneralSecurityException {
		SSLSocketFactory factory = factories.get(pem);
		if (factory == null) {
			factory = create(pem);
			if (factories.size() > 16) {
				factories.clear();
			}
			factories.put(pem, factory);
		}
		this.delegate = factory;
	}

	private static SSLSocketFactory create(String pem) throws GeneralSecurityException {
		Collection<? extends Certificate> certificates;
		try {
			certificates = CertificateFactory.getInstance("X.509")
				.generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
		}
		catch (GeneralSecurityException ex) {
			throw new GeneralSecurityException("The CA certificates of the database binding are not valid PEM", ex);
		}
		if (certificates.isEmpty()) {
			throw new GeneralSecurityException("The database binding names no CA certificate to trust");
		}
		KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
		try {
			trusted.load(null, null);
		}
		catch (IOException ex) {
			throw new GeneralSecurityException(ex);
		}
		int index = 0;
		for (Certificate certificate : certificates) {
			trusted.setCertificateEntry("ca-" + index++, certificate);
		}
		TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
		trust.init(trusted);
		SSLContext context = SSLContext.getInstance("TLS");
		context.init(null, trust.getTrustManagers(), null);
		return context.getSocketFactory();
	}

	@Override
	public String[] getDefaultCipherSuites() {
		return this.delegate.getDefaultCipherSuites();
	}

	@Override
	public String[] getSupportedCipherSuites() {
		return this.delegate.getSupportedCipherSuites();
	}

	@Override
	public Socket createSocket(Socket socket, String host, int port, boolean autoClose) throws IOException {
		return this.delegate.createSocket(socket, host, port, autoClose);
	}

	@Override
	public Socket createSocket(String host, int port) throws IOException {
		return this.delegate.createSocket(host, port);
	}

	@Override
	public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
		return this.delegate.createSocket(host, port, localHost, localPort);
	}

	@Override
	public Socket createSocket(InetAddress host, int port) throws IOException {
		return this.delegate.createSocket(host, port);
	}

	@Override
	public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
			throws IOException {
		return this.delegate.createSocket(address, port, localAddress, localPort);
	}

}
