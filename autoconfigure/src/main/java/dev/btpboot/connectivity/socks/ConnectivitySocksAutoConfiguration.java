package dev.btpboot.connectivity.socks;

import dev.btpboot.connectivity.ConnectivityAutoConfiguration;
import dev.btpboot.connectivity.ConnectivityProperties;
import dev.btpboot.connectivity.ConnectivityProxy;
import dev.btpboot.connectivity.ConnectivityTokens;
import dev.btpboot.connectivity.LocalRoutes;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * The {@link ConnectivitySocketFactory} of this application context: SOCKS5 {@code 0x80} sockets
 * for mail, LDAP and any other TCP protocol, and the factory JNDI finds through
 * {@link ConnectivitySocketFactory#getDefault()} while the context runs.
 */
@AutoConfiguration(after = ConnectivityAutoConfiguration.class)
@ConditionalOnBean(ConnectivityProxy.class)
public final class ConnectivitySocksAutoConfiguration {

	@Bean(initMethod = "start", destroyMethod = "stop")
	@ConditionalOnMissingBean(name = "connectivitySocketFactory")
	ConnectivitySocketFactory connectivitySocketFactory(ConnectivityProxy proxy, ConnectivityTokens tokens,
			ConnectivityProperties properties, LocalRoutes localRoutes) {
		return new ConnectivitySocketFactory(proxy::socks5Address, tokens::forCurrentTenant, proxy.locationId(),
				properties.getProxy().getConnectTimeout(), localRoutes);
	}

}
