package dev.btpboot.token;

import java.time.Clock;

import com.sap.cloud.security.xsuaa.tokenflows.XsuaaTokenFlows;
import dev.btpboot.binding.BindingsAutoConfiguration;
import dev.btpboot.binding.ConditionalOnServiceBinding;
import dev.btpboot.binding.ServiceBindings;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;

/**
 * One {@link TokenProvider} per bound OAuth service ({@code xsuaaTokenProvider},
 * {@code identityTokenProvider}, {@code connectivityTokenProvider},
 * {@code destinationTokenProvider}, {@code saasRegistryTokenProvider}) and, for XSUAA-issued clients, SAP token-client's
 * {@link XsuaaTokenFlows} ({@code xsuaaTokenFlows}, {@code connectivityTokenFlows},
 * {@code destinationTokenFlows}). Only the token flows need token-client on the classpath; they
 * are made when first injected or looked up, so an application that does not use them does not
 * start token-client's cache.
 */
@AutoConfiguration(after = BindingsAutoConfiguration.class)
@EnableConfigurationProperties({ TokenProperties.class, BtpHttpProperties.class })
public final class TokenAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	TokenRefresher btpTokenRefresher() {
		return new TokenRefresher();
	}

	@Bean
	@ConditionalOnMissingBean
	TokenProviderFactory btpTokenProviderFactory(TokenProperties properties, BtpHttpProperties httpProperties,
			TokenRefresher refresher, ObjectProvider<TokenObserver.Factory> observers,
			ObjectProvider<OutgoingHeaders> outgoingHeaders) {
		return new TokenProviderFactory(properties, new ResponseBodies(httpProperties.getMaxResponseSize()),
				Clock.systemUTC(), refresher.executor(),
				observers.getIfAvailable(() -> TokenObserver.Factory.NONE), TokenHttpClients.JVM_DEFAULTS,
				TokenEndpointClient.Sleeper.THREAD,
				(headers) -> outgoingHeaders.orderedStream().forEach((outgoing) -> outgoing.addTo(headers)));
	}

	@Bean
	@ConditionalOnMissingBean(name = "identityTokenProvider")
	@ConditionalOnServiceBinding("identity")
	IdentityTokenProvider identityTokenProvider(ServiceBindings bindings, TokenProviderFactory factory) {
		return factory.identity(bindings.current(bindings.identity().orElseThrow()));
	}

	@Bean
	@ConditionalOnMissingBean(name = "xsuaaTokenProvider")
	@ConditionalOnServiceBinding("xsuaa")
	TokenProvider xsuaaTokenProvider(ServiceBindings bindings, TokenProviderFactory factory) {
		return factory.xsuaaIssuedProvider(bindings.current(bindings.xsuaa().orElseThrow()));
	}

	@Bean
	@ConditionalOnMissingBean(name = "connectivityTokenProvider")
	@ConditionalOnServiceBinding("connectivity")
	TokenProvider connectivityTokenProvider(ServiceBindings bindings, TokenProviderFactory factory) {
		return factory.xsuaaIssuedProvider(bindings.current(bindings.connectivity().orElseThrow()));
	}

	@Bean
	@ConditionalOnMissingBean(name = "destinationTokenProvider")
	@ConditionalOnServiceBinding("destination")
	TokenProvider destinationTokenProvider(ServiceBindings bindings, TokenProviderFactory factory) {
		return factory.xsuaaIssuedProvider(bindings.current(bindings.destination().orElseThrow()));
	}

	@Bean
	@ConditionalOnMissingBean(name = "saasRegistryTokenProvider")
	@ConditionalOnServiceBinding("saas-registry")
	TokenProvider saasRegistryTokenProvider(ServiceBindings bindings, TokenProviderFactory factory) {
		return factory.xsuaaIssuedProvider(bindings.current(bindings.saasRegistry().orElseThrow()));
	}

	/** Lazy: token-client's flows and their cache are made for the applications that use them. */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(XsuaaTokenFlows.class)
	static class XsuaaTokenFlowsConfiguration {

		@Bean
		@Lazy
		@ConditionalOnMissingBean(name = "xsuaaTokenFlows")
		@ConditionalOnServiceBinding("xsuaa")
		XsuaaTokenFlows xsuaaTokenFlows(ServiceBindings bindings, TokenProviderFactory factory) {
			return XsuaaTokenFlowsFactory.create(factory, bindings.current(bindings.xsuaa().orElseThrow()));
		}

		@Bean
		@Lazy
		@ConditionalOnMissingBean(name = "connectivityTokenFlows")
		@ConditionalOnServiceBinding("connectivity")
		XsuaaTokenFlows connectivityTokenFlows(ServiceBindings bindings, TokenProviderFactory factory) {
			return XsuaaTokenFlowsFactory.create(factory, bindings.current(bindings.connectivity().orElseThrow()));
		}

		@Bean
		@Lazy
		@ConditionalOnMissingBean(name = "destinationTokenFlows")
		@ConditionalOnServiceBinding("destination")
		XsuaaTokenFlows destinationTokenFlows(ServiceBindings bindings, TokenProviderFactory factory) {
			return XsuaaTokenFlowsFactory.create(factory, bindings.current(bindings.destination().orElseThrow()));
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(MeterRegistry.class)
	static class TokenMetricsConfiguration {

		/** Meters when the application has a registry, nothing otherwise. */
		@Bean
		@ConditionalOnMissingBean
		TokenObserver.Factory btpTokenMetrics(ObjectProvider<MeterRegistry> registry) {
			MeterRegistry meters = registry.getIfAvailable();
			return (meters != null) ? MicrometerTokenObserver.factory(meters) : TokenObserver.Factory.NONE;
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(HealthIndicator.class)
	static class TokenHealthConfiguration {

		@Bean
		@ConditionalOnMissingBean(name = "btpTokensHealthIndicator")
		@ConditionalOnEnabledHealthIndicator("btpTokens")
		HealthIndicator btpTokensHealthIndicator(TokenProviderFactory factory) {
			return new TokensHealthIndicator(factory.caches());
		}

	}

}
