package dev.btpboot.destination;

import java.time.Clock;

import dev.btpboot.binding.ConditionalOnServiceBinding;
import dev.btpboot.binding.DestinationCredentials;
import dev.btpboot.binding.ServiceBindings;
import dev.btpboot.connectivity.ConnectivityAutoConfiguration;
import dev.btpboot.connectivity.ConnectivityProxy;
import dev.btpboot.connectivity.ConnectivityTokens;
import dev.btpboot.token.TokenAutoConfiguration;
import dev.btpboot.token.TokenProperties;
import dev.btpboot.token.TokenProvider;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * The {@link DestinationService} when a destination service is bound: look-ups with the bean
 * {@code destinationTokenProvider}, cached per {@code btp.destinations.cache.ttl}, and
 * {@link DestinationSockets} to reach their systems.
 */
@AutoConfiguration(after = { TokenAutoConfiguration.class, ConnectivityAutoConfiguration.class })
@ConditionalOnServiceBinding(DestinationCredentials.SERVICE)
@EnableConfigurationProperties(DestinationProperties.class)
public final class DestinationAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	DestinationService destinationService(ServiceBindings bindings,
			@Qualifier("destinationTokenProvider") TokenProvider destinationTokenProvider,
			DestinationProperties properties, TokenProperties tokenProperties) {
		Clock clock = Clock.systemUTC();
		DestinationCredentials credentials = bindings.destination().orElseThrow();
		return new CachingDestinationService(new DestinationServiceClient(credentials.uri(), tokenProperties, clock),
				destinationTokenProvider,
				new DestinationCache(properties.getCache().getTtl(), tokenProperties.getRetry().getMaxBackoff(), clock));
	}

	@Bean
	@ConditionalOnMissingBean
	DestinationSockets destinationSockets(DestinationService destinationService,
			ObjectProvider<ConnectivityProxy> connectivityProxy, ObjectProvider<ConnectivityTokens> connectivityTokens) {
		return new DestinationSockets(destinationService, connectivityProxy::getIfAvailable,
				connectivityTokens::getIfAvailable);
	}

}
