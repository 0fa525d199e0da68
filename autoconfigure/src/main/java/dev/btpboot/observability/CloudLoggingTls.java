package dev.btpboot.observability;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.WeakHashMap;

import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLContextSpi;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocketFactory;
import javax.net.ssl.SSLSessionContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

import dev.btpboot.binding.CloudLoggingCredentials;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundleKey;
import org.springframework.boot.ssl.SslManagerBundle;
import org.springframework.boot.ssl.SslOptions;
import org.springframework.boot.ssl.SslStoreBundle;

/**
 * Mutual TLS to SAP Cloud Logging as an {@link SslBundle} that follows certificate rotation.
 * Spring Boot's OTLP exporters take an {@code SSLContext} once, when they are built, and never
 * ask again; the context handed out here stays the same object but opens every connection with
 * the binding's current client certificate and server CA. When a rotated binding is taken into
 * use ({@link #use}), the connections opened with the previous certificate are closed, so the
 * exporters reconnect with the new one at their next export instead of keeping a connection
 * authenticated by a certificate that is about to expire.
 */
final class CloudLoggingTls {

	private static final Log logger = LogFactory.getLog(CloudLoggingTls.class);

	private static final String PROTOCOL = "TLS";

	private volatile Generation current;

	private final SSLContext sslContext;

	private final X509ExtendedTrustManager trustManager = new CurrentTrustManager();

	CloudLoggingTls(CloudLoggingCredentials credentials) {
		this.current = new Generation(credentials);
		this.sslContext = new RotatingSslContext(new RotatingSslContextSpi(), this.current.context);
	}

	/** @return the credentials in use */
	CloudLoggingCredentials credentials() {
		return this.current.credentials;
	}

	/**
	 * Takes rotated credentials into use: new connections present the new certificate, and those
	 * opened with the previous one are closed.
	 * @param credentials the binding's new version
	 */
	void use(CloudLoggingCredentials credentials) {
		Generation previous = this.current;
		this.current = new Generation(credentials);
		int closed = previous.closeSockets();
		logger.info("SAP Cloud Logging binding '" + credentials.bindingName() + "' was rotated: OTLP exports use "
				+ credentials.identity() + " from now on (" + closed + " connection(s) with the previous certificate closed)");
	}

	/** @return the bundle for Spring Boot's OTLP connection details */
	SslBundle sslBundle() {
		return new CloudLoggingSslBundle();
	}

	/** One version of the credentials with its TLS context and the sockets opened with it. */
	private static final class Generation {

		final CloudLoggingCredentials credentials;

		final KeyStore keyStore;

		final KeyStore trustStore;

		final KeyManagerFactory keyManagers;

		final TrustManagerFactory trustManagers;

		final SSLContext context;

		final X509ExtendedTrustManager trustManager;

		private final Set<Socket> sockets = Collections.newSetFromMap(new WeakHashMap<>());

		Generation(CloudLoggingCredentials credentials) {
			this.credentials = credentials;
			try {
				this.keyStore = credentials.identity().keyStore();
				this.keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
				this.keyManagers.init(this.keyStore, credentials.identity().keyStorePassword());
				this.trustStore = KeyStore.getInstance("PKCS12");
				this.trustStore.load(null, null);
				List<X509Certificate> ca = credentials.serverCa();
				for (int i = 0; i < ca.size(); i++) {
					this.trustStore.setCertificateEntry("server-ca-" + i, ca.get(i));
				}
				this.trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
				this.trustManagers.init(this.trustStore);
				this.trustManager = x509(this.trustManagers.getTrustManagers());
				this.context = SSLContext.getInstance(PROTOCOL);
				this.context.init(this.keyManagers.getKeyManagers(), new TrustManager[] { this.trustManager }, null);
			}
			catch (GeneralSecurityException | IOException ex) {
				throw new IllegalStateException("Cannot set up mutual TLS for SAP Cloud Logging binding '"
						+ credentials.bindingName() + "': " + ex.getClass().getSimpleName(), ex);
			}
		}

		private static X509ExtendedTrustManager x509(TrustManager[] managers) {
			for (TrustManager manager : managers) {
				if (manager instanceof X509ExtendedTrustManager x509) {
					return x509;
				}
			}
			throw new IllegalStateException("no X.509 trust manager");
		}

		Socket track(Socket socket) {
			synchronized (this.sockets) {
				this.sockets.add(socket);
			}
			return socket;
		}

		int closeSockets() {
			List<Socket> open;
			synchronized (this.sockets) {
				open = new ArrayList<>(this.sockets);
				this.sockets.clear();
			}
			int closed = 0;
			for (Socket socket : open) {
				if (!socket.isClosed()) {
					try {
						socket.close();
						closed++;
					}
					catch (IOException ex) {
						// closing is all we want; a socket that fails to close is gone as well
					}
				}
			}
			return closed;
		}

	}

	/** Boot's exporters call {@link #createSslContext()} and read the trust manager of {@link #getManagers()}. */
	private final class CloudLoggingSslBundle implements SslBundle {

		@Override
		public SslStoreBundle getStores() {
			Generation generation = CloudLoggingTls.this.current;
			return SslStoreBundle.of(generation.keyStore, new String(generation.credentials.identity().keyStorePassword()),
					generation.trustStore);
		}

		@Override
		public SslBundleKey getKey() {
			return SslBundleKey.NONE;
		}

		@Override
		public SslOptions getOptions() {
			return SslOptions.NONE;
		}

		@Override
		public String getProtocol() {
			return PROTOCOL;
		}

		@Override
		public SslManagerBundle getManagers() {
			return new SslManagerBundle() {

				@Override
				public KeyManagerFactory getKeyManagerFactory() {
					return CloudLoggingTls.this.current.keyManagers;
				}

				@Override
				public TrustManagerFactory getTrustManagerFactory() {
					return CloudLoggingTls.this.current.trustManagers;
				}

				@Override
				public TrustManager[] getTrustManagers() {
					return new TrustManager[] { CloudLoggingTls.this.trustManager };
				}

				@Override
				public SSLContext createSslContext(String protocol) {
					return CloudLoggingTls.this.sslContext;
				}

			};
		}

		@Override
		public SSLContext createSslContext() {
			return CloudLoggingTls.this.sslContext;
		}

		@Override
		public String toString() {
			return "SslBundle[SAP Cloud Logging " + CloudLoggingTls.this.current.credentials + "]";
		}

	}

	private static final class RotatingSslContext extends SSLContext {

		RotatingSslContext(SSLContextSpi spi, SSLContext initial) {
			super(spi, initial.getProvider(), PROTOCOL);
		}

	}

	/** Every operation goes to the TLS context of the current credentials. */
	private final class RotatingSslContextSpi extends SSLContextSpi {

		private final SSLSocketFactory socketFactory = new RotatingSocketFactory();

		@Override
		protected void engineInit(KeyManager[] keyManagers, TrustManager[] trustManagers, SecureRandom random) {
			throw new UnsupportedOperationException("The SAP Cloud Logging TLS context is initialized from the binding");
		}

		@Override
		protected SSLSocketFactory engineGetSocketFactory() {
			return this.socketFactory;
		}

		@Override
		protected SSLServerSocketFactory engineGetServerSocketFactory() {
			throw new UnsupportedOperationException("The SAP Cloud Logging TLS context is for clients only");
		}

		@Override
		protected SSLEngine engineCreateSSLEngine() {
			return CloudLoggingTls.this.current.context.createSSLEngine();
		}

		@Override
		protected SSLEngine engineCreateSSLEngine(String host, int port) {
			return CloudLoggingTls.this.current.context.createSSLEngine(host, port);
		}

		@Override
		protected SSLSessionContext engineGetServerSessionContext() {
			return CloudLoggingTls.this.current.context.getServerSessionContext();
		}

		@Override
		protected SSLSessionContext engineGetClientSessionContext() {
			return CloudLoggingTls.this.current.context.getClientSessionContext();
		}

		@Override
		protected SSLParameters engineGetDefaultSSLParameters() {
			return CloudLoggingTls.this.current.context.getDefaultSSLParameters();
		}

		@Override
		protected SSLParameters engineGetSupportedSSLParameters() {
			return CloudLoggingTls.this.current.context.getSupportedSSLParameters();
		}

	}

	/** Opens sockets with the current credentials and remembers them, so a rotation can close them. */
	private final class RotatingSocketFactory extends SSLSocketFactory {

		private SSLSocketFactory delegate() {
			return CloudLoggingTls.this.current.context.getSocketFactory();
		}

		@Override
		public String[] getDefaultCipherSuites() {
			return delegate().getDefaultCipherSuites();
		}

		@Override
		public String[] getSupportedCipherSuites() {
			return delegate().getSupportedCipherSuites();
		}

		@Override
		public Socket createSocket(Socket socket, String host, int port, boolean autoClose) throws IOException {
			Generation generation = CloudLoggingTls.this.current;
			return generation.track(generation.context.getSocketFactory().createSocket(socket, host, port, autoClose));
		}

		@Override
		public Socket createSocket() throws IOException {
			Generation generation = CloudLoggingTls.this.current;
			return generation.track(generation.context.getSocketFactory().createSocket());
		}

		@Override
		public Socket createSocket(String host, int port) throws IOException {
			Generation generation = CloudLoggingTls.this.current;
			return generation.track(generation.context.getSocketFactory().createSocket(host, port));
		}

		@Override
		public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
			Generation generation = CloudLoggingTls.this.current;
			return generation
				.track(generation.context.getSocketFactory().createSocket(host, port, localHost, localPort));
		}

		@Override
		public Socket createSocket(InetAddress host, int port) throws IOException {
			Generation generation = CloudLoggingTls.this.current;
			return generation.track(generation.context.getSocketFactory().createSocket(host, port));
		}

		@Override
		public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
				throws IOException {
			Generation generation = CloudLoggingTls.this.current;
			return generation
				.track(generation.context.getSocketFactory().createSocket(address, port, localAddress, localPort));
		}

	}

	/** The trust manager Boot hands the exporters next to the context: the current server CA. */
	private final class CurrentTrustManager extends X509ExtendedTrustManager {

		private X509ExtendedTrustManager delegate() {
			return CloudLoggingTls.this.current.trustManager;
		}

		@Override
		public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
				throws CertificateException {
			delegate().checkClientTrusted(chain, authType, socket);
		}

		@Override
		public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
				throws CertificateException {
			delegate().checkServerTrusted(chain, authType, socket);
		}

		@Override
		public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
				throws CertificateException {
			delegate().checkClientTrusted(chain, authType, engine);
		}

		@Override
		public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
				throws CertificateException {
			delegate().checkServerTrusted(chain, authType, engine);
		}

		@Override
		public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
			delegate().checkClientTrusted(chain, authType);
		}

		@Override
		public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
			delegate().checkServerTrusted(chain, authType);
		}

		@Override
		public X509Certificate[] getAcceptedIssuers() {
			return delegate().getAcceptedIssuers();
		}

	}

}
