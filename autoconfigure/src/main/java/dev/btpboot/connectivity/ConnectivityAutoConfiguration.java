package dev.btpboot.connectivity;

import dev.btpboot.binding.BindingsAutoConfiguration;
import dev.btpboot.binding.ConditionalOnServiceBinding;
import dev.btpboot.binding.ServiceBindings;
import dev.btpboot.token.TokenProvider;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.AnyNestedCondition;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;

/**
 * On-premise connectivity when the application has a connectivity binding or names a proxy: the
 * resolved {@link ConnectivityProxy} and the {@link ConnectivityTokens} the SOCKS5, HTTP, mail and
 * LDAP support share.
 */
@AutoConfiguration(after = BindingsAutoConfiguration.class)
@Conditional(ConnectivityAutoConfiguration.OnConnectivityBindingOrProxyHost.class)
@EnableConfigurationProperties(ConnectivityProperties.class)
public final class ConnectivityAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	ConnectivityProxy connectivityProxy(ConnectivityProperties properties, ServiceBindings bindings) {
		return ConnectivityProxy.resolve(properties, bindings.connectivity());
	}

	@Bean
	@ConditionalOnMissingBean
	ConnectivityTokens connectivityTokens(
			@Qualifier("connectivityTokenProvider") ObjectProvider<TokenProvider> connectivityTokenProvider) {
		return new ConnectivityTokens(connectivityTokenProvider::getIfAvailable);
	}

	static final class OnConnectivityBindingOrProxyHost extends AnyNestedCondition {

		OnConnectivityBindingOrProxyHost() {
			super(ConfigurationPhase.REGISTER_BEAN);
		}

		@ConditionalOnServiceBinding("connectivity")
		static final class ConnectivityBound {

		}

		@ConditionalOnProperty("btp.connectivity.proxy.host")
		static final class ProxyHostSet {

		}

	}

}
