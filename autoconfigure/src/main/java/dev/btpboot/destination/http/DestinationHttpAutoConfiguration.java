package dev.btpboot.destination.http;

import dev.btpboot.connectivity.http.ConnectivityHttpAutoConfiguration;
import dev.btpboot.connectivity.http.ConnectivityHttpProxy;
import dev.btpboot.destination.DestinationAutoConfiguration;
import dev.btpboot.destination.DestinationProperties;
import dev.btpboot.destination.DestinationService;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.boot.http.client.reactive.ClientHttpConnectorBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.reactive.ClientHttpConnector;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.support.RestClientHttpServiceGroupConfigurer;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * {@link DestinationClients} when a destination service is bound and RestClient is on the class
 * path, and {@link DestinationWebClients} when WebClient is: builders from Spring Boot's
 * {@code RestClient.Builder} and {@code WebClient.Builder}, on-premise destinations through the
 * connectivity proxy.
 */
@AutoConfiguration(after = { DestinationAutoConfiguration.class, ConnectivityHttpAutoConfiguration.class },
		afterName = { "org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration",
				"org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration" })
@ConditionalOnBean(DestinationService.class)
@ConditionalOnClass({ RestClient.class, ClientHttpRequestFactoryBuilder.class })
public final class DestinationHttpAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	DestinationClients destinationClients(DestinationService destinationService,
			ObjectProvider<RestClient.Builder> restClientBuilder, ObjectProvider<ConnectivityHttpProxy> connectivity,
			ObjectProvider<ClientHttpRequestFactoryBuilder<?>> factoryBuilder,
			ObjectProvider<HttpClientSettings> settings) {
		return new DestinationClients(destinationService, () -> restClientBuilder.getIfAvailable(RestClient::builder),
				connectivity::getIfAvailable,
				(bundle) -> factoryBuilder.getIfAvailable(ClientHttpRequestFactoryBuilder::detect)
					.build(settings.getIfAvailable(HttpClientSettings::defaults).withSslBundle(bundle)));
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ WebClient.class, Mono.class })
	static class WebClientConfiguration {

		@Bean
		@ConditionalOnMissingBean
		DestinationWebClients destinationWebClients(DestinationService destinationService,
				ObjectProvider<WebClient.Builder> webClientBuilder, ObjectProvider<ConnectivityHttpProxy> connectivity,
				ObjectProvider<ClientHttpConnector> connector) {
			return new DestinationWebClients(destinationService, () -> webClientBuilder.getIfAvailable(WebClient::builder),
					connectivity::getIfAvailable,
					() -> connector.getIfAvailable(() -> ClientHttpConnectorBuilder.detect().build()));
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(RestClientHttpServiceGroupConfigurer.class)
	static class HttpServiceGroupsConfiguration {

		/**
		 * Configures the groups of {@code btp.destinations.http-services.<group>=<destination>}: each
		 * request of a group's client resolves the destination for its tenant.
		 */
		@Bean
		RestClientHttpServiceGroupConfigurer destinationHttpServiceGroupConfigurer(DestinationProperties properties,
				DestinationClients destinationClients) {
			return (groups) -> properties.getHttpServices()
				.forEach((group, destination) -> groups.filterByName(group)
					.forEachClient((serviceGroup, builder) -> destinationClients.configure(builder, destination)));
		}

	}

}
