package dev.btpboot.token;

import java.net.ProxySelector;
import java.net.http.HttpClient;
import java.security.GeneralSecurityException;
import java.security.KeyStore;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import dev.btpboot.binding.ClientAuthentication;
import dev.btpboot.binding.X509Identity;

/**
 * Builds the HTTP client of one OAuth client: HTTP/1.1, the connect timeout, no redirects, and the
 * client's certificate for mutual TLS when it has one. {@link #JVM_DEFAULTS} is what applications
 * get; tests trust their own CA and route virtual hosts through a proxy.
 */
final class TokenHttpClients {

	/** The JVM's CAs, direct connections. */
	static final TokenHttpClients JVM_DEFAULTS = new TokenHttpClients(null, null);

	private final KeyStore trustStore;

	private final ProxySelector proxy;

	private TokenHttpClients(KeyStore trustStore, ProxySelector proxy) {
		this.trustStore = trustStore;
		this.proxy = proxy;
	}

	/** @return clients that trust only the CAs in the store */
	TokenHttpClients trusting(KeyStore trustStore) {
		return new TokenHttpClients(trustStore, this.proxy);
	}

	/** @return clients that connect through the proxy */
	TokenHttpClients through(ProxySelector proxy) {
		return new TokenHttpClients(this.trustStore, proxy);
	}

	/**
	 * @param authentication presents its certificate when it is an X.509 identity
	 * @param properties timeouts
	 * @return the client
	 */
	HttpClient create(ClientAuthentication authentication, TokenProperties properties) {
		HttpClient.Builder builder = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(properties.getConnectTimeout())
			.followRedirects(HttpClient.Redirect.NEVER)
			.sslContext(sslContext(authentication));
		if (this.proxy != null) {
			builder.proxy(this.proxy);
		}
		return builder.build();
	}

	private SSLContext sslContext(ClientAuthentication authentication) {
		try {
			if (this.trustStore == null && !(authentication instanceof X509Identity)) {
				return SSLContext.getDefault();
			}
			if (this.trustStore == null) {
				return ((X509Identity) authentication).sslContext();
			}
			TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
			trust.init(this.trustStore);
			KeyManagerFactory keys = null;
			if (authentication instanceof X509Identity identity) {
				keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
				keys.init(identity.keyStore(), identity.keyStorePassword());
			}
			SSLContext context = SSLContext.getInstance("TLS");
			context.init((keys != null) ? keys.getKeyManagers() : null, trust.getTrustManagers(), null);
			return context;
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Cannot set up TLS for the token endpoint: " + ex.getClass().getSimpleName(),
					ex);
		}
	}

}
