package dev.btpboot.destination;

import java.time.Clock;

import dev.btpboot.binding.ConditionalOnServiceBinding;
import dev.btpboot.binding.DestinationCredentials;
import dev.btpboot.binding.ServiceBindings;
import dev.btpboot.connectivity.ConnectivityAutoConfiguration;
import dev.btpboot.connectivity.ConnectivityProperties;
import dev.btpboot.connectivity.ConnectivityProxy;
import dev.btpboot.connectivity.ConnectivityTokens;
import dev.btpboot.token.BtpHttpProperties;
import dev.btpboot.token.ResponseBodies;
import dev.btpboot.token.TokenAutoConfiguration;
import dev.btpboot.token.TokenProperties;
import dev.btpboot.token.TokenProvider;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The {@link DestinationService} when a destination service is bound: look-ups with the bean
 * {@code destinationTokenProvider}, cached per {@code btp.destinations.cache.ttl}, timed as
 * {@code btp.destination.lookups} when there is a meter registry; {@link DestinationSockets} to
 * reach their systems; health contributor {@code btpDestinations}.
 */
@AutoConfiguration(after = { TokenAutoConfiguration.class, ConnectivityAutoConfiguration.class })
@ConditionalOnServiceBinding(DestinationCredentials.SERVICE)
@EnableConfigurationProperties(DestinationProperties.class)
public final class DestinationAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	DestinationServiceClient btpDestinationServiceClient(ServiceBindings bindings, TokenProperties tokenProperties,
			BtpHttpProperties httpProperties) {
		return new DestinationServiceClient(bindings.destination().orElseThrow().uri(), tokenProperties,
				new ResponseBodies(httpProperties.getMaxResponseSize()), Clock.systemUTC());
	}

	@Bean
	@ConditionalOnMissingBean
	DestinationService destinationService(DestinationServiceClient btpDestinationServiceClient,
			@Qualifier("destinationTokenProvider") TokenProvider destinationTokenProvider,
			DestinationProperties properties, TokenProperties tokenProperties,
			ObjectProvider<DestinationObserver> observer) {
		return new CachingDestinationService(btpDestinationServiceClient, destinationTokenProvider,
				new DestinationCache(properties.getCache().getTtl(), tokenProperties.getRetry().getMaxBackoff(),
						Clock.systemUTC(), observer.getIfAvailable(() -> DestinationObserver.NONE)));
	}

	@Bean
	@ConditionalOnMissingBean
	DestinationSockets destinationSockets(DestinationService destinationService,
			ObjectProvider<ConnectivityProxy> connectivityProxy, ObjectProvider<ConnectivityTokens> connectivityTokens,
			ObjectProvider<ConnectivityProperties> connectivityProperties) {
		return new DestinationSockets(destinationService, connectivityProxy::getIfAvailable,
				connectivityTokens::getIfAvailable,
				connectivityProperties.getIfAvailable(ConnectivityProperties::new).getProxy().getConnectTimeout());
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(MeterRegistry.class)
	static class DestinationMetricsConfiguration {

		/** Meters when the application has a registry, nothing otherwise. */
		@Bean
		@ConditionalOnMissingBean
		DestinationObserver btpDestinationMetrics(ObjectProvider<MeterRegistry> registry) {
			MeterRegistry meters = registry.getIfAvailable();
			return (meters != null) ? new MicrometerDestinationObserver(meters) : DestinationObserver.NONE;
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(HealthIndicator.class)
	static class DestinationHealthConfiguration {

		@Bean
		@ConditionalOnMissingBean(name = "btpDestinationsHealthIndicator")
		@ConditionalOnEnabledHealthIndicator("btpDestinations")
		HealthIndicator btpDestinationsHealthIndicator(ServiceBindings bindings,
				DestinationServiceClient btpDestinationServiceClient,
				@Qualifier("destinationTokenProvider") TokenProvider destinationTokenProvider) {
			return new DestinationsHealthIndicator(bindings.destination().orElseThrow().bindingName(),
					btpDestinationServiceClient, destinationTokenProvider);
		}

	}

}
