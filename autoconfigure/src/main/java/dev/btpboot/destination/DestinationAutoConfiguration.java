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
import dev.btpboot.token.OutgoingHeaders;
import dev.btpboot.token.ResponseBodies;
import dev.btpboot.token.TokenAutoConfiguration;
import dev.btpboot.token.TokenProperties;
import dev.btpboot.token.TokenProvider;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * The {@link DestinationService} when a destination service is bound, or local destinations are
 * defined outside production: look-ups with the bean {@code destinationTokenProvider}, cached per
 * {@code btp.destinations.cache.*}, behind a circuit per tenant ({@code btp.destinations.circuit.*}),
 * timed as {@code btp.destination.lookups} and counted as {@code btp.destination.requests} when
 * there is a meter registry; local destinations ({@code btp.destinations.local.*}, the
 * {@code destinations} variable) first; {@link DestinationSockets} to reach their systems; health
 * contributor {@code btpDestinations}.
 */
@AutoConfiguration(after = { TokenAutoConfiguration.class, ConnectivityAutoConfiguration.class })
@EnableConfigurationProperties(DestinationProperties.class)
public final class DestinationAutoConfiguration {

	/** Local destinations without a destination binding (after the nested configurations). */
	@Bean
	@ConditionalOnMissingBean(DestinationService.class)
	@Conditional(OnLocalDestinationsCondition.class)
	DestinationService localDestinationService(DestinationProperties properties, Environment environment) {
		return new LocalDestinationService(LocalDestinations.of(properties.getLocal(), environment), null);
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBean(DestinationService.class)
	DestinationSockets destinationSockets(DestinationService destinationService,
			ObjectProvider<ConnectivityProxy> connectivityProxy, ObjectProvider<ConnectivityTokens> connectivityTokens,
			ObjectProvider<ConnectivityProperties> connectivityProperties) {
		return new DestinationSockets(destinationService, connectivityProxy::getIfAvailable,
				connectivityTokens::getIfAvailable,
				connectivityProperties.getIfAvailable(ConnectivityProperties::new).getProxy().getConnectTimeout());
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnServiceBinding(DestinationCredentials.SERVICE)
	static class ServiceConfiguration {

		@Bean
		@ConditionalOnMissingBean
		DestinationServiceClient btpDestinationServiceClient(ServiceBindings bindings, TokenProperties tokenProperties,
				BtpHttpProperties httpProperties, ObjectProvider<DestinationObserver> observer,
				ObjectProvider<OutgoingHeaders> outgoingHeaders) {
			return new DestinationServiceClient(bindings.destination().orElseThrow().uri(), tokenProperties,
					new ResponseBodies(httpProperties.getMaxResponseSize()), Clock.systemUTC(),
					observer.getIfAvailable(() -> DestinationObserver.NONE),
					(headers) -> outgoingHeaders.orderedStream().forEach((outgoing) -> outgoing.addTo(headers)));
		}

		@Bean
		@ConditionalOnMissingBean
		DestinationService destinationService(DestinationServiceClient btpDestinationServiceClient,
				@Qualifier("destinationTokenProvider") TokenProvider destinationTokenProvider,
				DestinationProperties properties, TokenProperties tokenProperties,
				ObjectProvider<DestinationObserver> observer, Environment environment) {
			DestinationProperties.Cache cache = properties.getCache();
			DestinationProperties.Circuit circuit = properties.getCircuit();
			CachingDestinationService service = new CachingDestinationService(btpDestinationServiceClient,
					destinationTokenProvider,
					new CachingDestinationService.CacheSettings(cache.getTtl(), tokenProperties.getRetry().getMaxBackoff(),
							cache.isChangeDetection(), cache.getMaxAge()),
					circuit.isEnabled()
							? new TenantCircuits(circuit.getFailureThreshold(), circuit.getWaitDuration(), Clock.systemUTC())
							: TenantCircuits.NONE,
					Clock.systemUTC(), observer.getIfAvailable(() -> DestinationObserver.NONE));
			LocalDestinations local = LocalDestinations.of(properties.getLocal(), environment);
			return local.isEmpty() ? service : new LocalDestinationService(local, service);
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

}
