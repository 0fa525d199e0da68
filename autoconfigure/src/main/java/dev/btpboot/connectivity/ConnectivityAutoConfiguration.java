package dev.btpboot.connectivity;

import dev.btpboot.binding.BindingsAutoConfiguration;
import dev.btpboot.binding.ConditionalOnServiceBinding;
import dev.btpboot.binding.ServiceBindings;
import dev.btpboot.token.TokenProvider;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.AnyNestedCondition;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * On-premise connectivity when the application has a connectivity binding, names a proxy or has
 * local routes: the resolved {@link ConnectivityProxy}, the {@link LocalRoutes} and the
 * {@link ConnectivityTokens} the SOCKS5, HTTP, mail and LDAP support share.
 */
@AutoConfiguration(after = BindingsAutoConfiguration.class)
@Conditional(ConnectivityAutoConfiguration.OnConnectivityBindingOrProxyHost.class)
@EnableConfigurationProperties(ConnectivityProperties.class)
public final class ConnectivityAutoConfiguration {

	private static final Log logger = LogFactory.getLog(ConnectivityAutoConfiguration.class);

	@Bean
	@ConditionalOnMissingBean
	ConnectivityProxy connectivityProxy(ConnectivityProperties properties, ServiceBindings bindings) {
		return ConnectivityProxy.resolve(properties, bindings.connectivity());
	}

	/** Refuses local routes in production, and says at start-up which virtual hosts are local. */
	@Bean
	@ConditionalOnMissingBean
	LocalRoutes connectivityLocalRoutes(ConnectivityProperties properties, Environment environment) {
		LocalRoutes routes = LocalRoutes.of(properties.getLocalRoutes(), environment);
		if (!routes.isEmpty()) {
			logger.info("On-premise connectivity: local routes (" + LocalRoutes.PROPERTY
					+ ") bypass the connectivity proxy: " + routes);
		}
		return routes;
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

		@Conditional(LocalRoutesSet.class)
		static final class LocalRoutesPresent {

		}

	}

	static final class LocalRoutesSet extends SpringBootCondition {

		@Override
		public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
			boolean set = Binder.get(context.getEnvironment())
				.bind(LocalRoutes.PROPERTY, Bindable.mapOf(String.class, String.class))
				.map((routes) -> !routes.isEmpty())
				.orElse(false);
			return new ConditionOutcome(set, LocalRoutes.PROPERTY + (set ? " is set" : " is not set"));
		}

	}

}
