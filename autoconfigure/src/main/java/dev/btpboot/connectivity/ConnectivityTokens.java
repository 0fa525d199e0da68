package dev.btpboot.connectivity;

import java.util.function.Supplier;

import dev.btpboot.security.BtpUser;
import dev.btpboot.security.CurrentUser;
import dev.btpboot.token.TokenProvider;

import org.springframework.util.function.SingletonSupplier;

/**
 * Tokens for the connectivity proxy, for a user's tenant. They come from the bean
 * {@code connectivityTokenProvider}, which caches them: asking again for a cached token costs no
 * request. Who the user is, is {@link CurrentUser}'s business.
 */
public final class ConnectivityTokens {

	private final Supplier<TokenProvider> provider;

	/**
	 * @param provider supplies the {@code connectivityTokenProvider}, or {@code null} when there is
	 * none; asked until it supplies one, which is then kept
	 */
	public ConnectivityTokens(Supplier<TokenProvider> provider) {
		// Every connection and proxied request needs the provider; resolving the qualified bean each
		// time cost about 150 us per connection, as much as the SOCKS5 handshake (benchmarks/README.md).
		this.provider = SingletonSupplier.of(provider);
	}

	/** @return whether a token provider exists */
	public boolean available() {
		return this.provider.get() != null;
	}

	/**
	 * Fails early when a feature that needs tokens is switched on without a token provider.
	 * @param feature the property that switched the feature on, for the message
	 * @throws ConnectivityConfigurationException when there is no token provider
	 */
	public void require(String feature) {
		if (this.provider.get() == null) {
			throw missing(feature + "=true needs tokens for the connectivity proxy, but there is no bean "
					+ "'connectivityTokenProvider'");
		}
	}

	/**
	 * A client-credentials token for the current user's tenant (by its id, {@code x-zid}), or for
	 * the binding's own tenant when there is no user or it has no tenant.
	 * @return the encoded token
	 * @throws ConnectivityConfigurationException when there is no token provider
	 */
	public String forCurrentTenant() {
		return forTenantOf(CurrentUser.get().orElse(null));
	}

	/**
	 * @param user a user, or {@code null}
	 * @return a client-credentials token for the user's tenant (by its id), or for the binding's
	 * own tenant when there is no user or it has no tenant
	 * @throws ConnectivityConfigurationException when there is no token provider
	 */
	public String forTenantOf(BtpUser user) {
		TokenProvider tokens = required();
		String tenantId = CurrentUser.tenantIdOf(user);
		return ((tenantId != null) ? tokens.clientCredentialsForTenant(tenantId) : tokens.clientCredentials()).value();
	}

	/**
	 * @param userJwt the user's token
	 * @return a connectivity token for the same user (jwt-bearer exchange)
	 * @throws ConnectivityConfigurationException when there is no token provider
	 */
	public String forUser(String userJwt) {
		return required().jwtBearer(userJwt).value();
	}

	private TokenProvider required() {
		TokenProvider tokens = this.provider.get();
		if (tokens == null) {
			throw missing("there is no bean 'connectivityTokenProvider' to get tokens for the connectivity proxy");
		}
		return tokens;
	}

	private static ConnectivityConfigurationException missing(String problem) {
		return new ConnectivityConfigurationException(problem, "Bind the connectivity service (on Cloud Foundry, "
				+ "on Kubernetes, or for local runs in the file of btp.bindings.local-file).");
	}

}
