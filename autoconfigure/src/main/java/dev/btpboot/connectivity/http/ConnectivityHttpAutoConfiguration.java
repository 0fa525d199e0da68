package dev.btpboot.connectivity.http;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import dev.btpboot.connectivity.ConnectivityAutoConfiguration;
import dev.btpboot.connectivity.ConnectivityProperties;
import dev.btpboot.connectivity.ConnectivityProxy;
import dev.btpboot.connectivity.ConnectivityTokens;
import dev.btpboot.connectivity.LocalRoutes;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.boot.http.client.reactive.ClientHttpConnectorBuilder;
import org.springframework.boot.restclient.RestClientCustomizer;
import org.springframework.boot.restclient.RestTemplateCustomizer;
import org.springframework.boot.webclient.WebClientCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.http.client.reactive.ClientHttpConnector;
import org.springframework.util.function.SingletonSupplier;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestTemplate;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Routes requests of Spring Boot's {@code RestClient.Builder}, {@code RestTemplateBuilder} and
 * {@code WebClient.Builder} whose host matches {@code btp.connectivity.http.hosts} through the
 * connectivity proxy's HTTP port, with the headers of the mode in force, and requests to a virtual
 * host of {@code btp.connectivity.local-routes} to its local address. Other hosts use the
 * client Spring Boot configured, untouched. The customizers run last, so they wrap the request
 * factory or connector every other customizer has set.
 */
@AutoConfiguration(after = ConnectivityAutoConfiguration.class)
@ConditionalOnBean(ConnectivityProxy.class)
@ConditionalOnClass(ClientHttpRequestFactoryBuilder.class)
public final class ConnectivityHttpAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	ConnectivityHttpRouting connectivityHttpRouting(ConnectivityProperties properties, ConnectivityProxy proxy,
			ConnectivityTokens tokens, LocalRoutes localRoutes) {
		return new ConnectivityHttpRouting(properties, proxy, tokens, localRoutes);
	}

	private static HttpClientSettings settings(ObjectProvider<HttpClientSettings> settings) {
		return settings.getIfAvailable(HttpClientSettings::defaults);
	}

	/**
	 * One proxied client for all RestClient and RestTemplate builders (which are prototypes): its
	 * connections to the proxy are kept alive and shared, and a builder costs no new HTTP client
	 * and selector thread. Built on first use.
	 */
	@Bean
	@ConditionalOnMissingBean
	ProxiedRequestFactory connectivityProxiedRequestFactory(ConnectivityHttpRouting routing,
			ObjectProvider<HttpClientSettings> settings) {
		return new ProxiedRequestFactory(SingletonSupplier.of(() -> ClientHttpRequestFactoryBuilder.jdk()
			.withProxySelector(routing.proxySelector())
			.build(routing.proxiedSettings(settings(settings)))));
	}

	@Bean
	@ConditionalOnMissingBean
	ConnectivityHttpProxy connectivityHttpProxy(ConnectivityHttpRouting routing, ProxiedRequestFactory proxied,
			ObjectProvider<HttpClientSettings> settings) {
		return new ConnectivityHttpProxy(routing, proxied::get, SingletonSupplier.of(() -> ClientHttpConnectorBuilder
			.jdk()
			.withProxySelector(routing.proxySelector())
			.build(routing.proxiedSettings(settings(settings)))));
	}

	/** The request factory that sends routed requests to the connectivity proxy. */
	record ProxiedRequestFactory(Supplier<ClientHttpRequestFactory> factory) {

		ClientHttpRequestFactory get() {
			return this.factory.get();
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ RestClient.class, RestClientCustomizer.class })
	static class RestClientConfiguration {

		@Bean
		@Order(Ordered.LOWEST_PRECEDENCE)
		@ConditionalOnMissingBean(name = "connectivityRestClientCustomizer")
		RestClientCustomizer connectivityRestClientCustomizer(ConnectivityHttpRouting routing,
				ProxiedRequestFactory proxied, ObjectProvider<ClientHttpRequestFactoryBuilder<?>> factoryBuilder,
				ObjectProvider<HttpClientSettings> settings) {
			return (builder) -> {
				if (routing.routesAny()) {
					// The builder hides its request factory: build the one Spring Boot configured again.
					ClientHttpRequestFactory direct = factoryBuilder
						.getIfAvailable(ClientHttpRequestFactoryBuilder::detect)
						.build(settings(settings));
					builder.requestFactory(new ConnectivityClientHttpRequestFactory(direct, proxied.get(), routing));
				}
			};
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ RestTemplate.class, RestTemplateCustomizer.class })
	static class RestTemplateConfiguration {

		@Bean
		@Order(Ordered.LOWEST_PRECEDENCE)
		@ConditionalOnMissingBean(name = "connectivityRestTemplateCustomizer")
		RestTemplateCustomizer connectivityRestTemplateCustomizer(ConnectivityHttpRouting routing,
				ProxiedRequestFactory proxied) {
			return (restTemplate) -> {
				if (routing.routesAny()) {
					// With interceptors, getRequestFactory() returns an intercepting wrapper; wrap the
					// underlying factory instead, so interceptors run once.
					List<ClientHttpRequestInterceptor> interceptors = new ArrayList<>(restTemplate.getInterceptors());
					restTemplate.getInterceptors().clear();
					ClientHttpRequestFactory direct = restTemplate.getRequestFactory();
					restTemplate.setRequestFactory(new ConnectivityClientHttpRequestFactory(direct, proxied.get(), routing));
					restTemplate.setInterceptors(interceptors);
				}
			};
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ WebClient.class, WebClientCustomizer.class })
	static class WebClientConfiguration {

		@Bean
		@Order(Ordered.LOWEST_PRECEDENCE)
		@ConditionalOnMissingBean(name = "connectivityWebClientCustomizer")
		WebClientCustomizer connectivityWebClientCustomizer(ConnectivityHttpRouting routing,
				ObjectProvider<ClientHttpConnector> connector,
				ObjectProvider<ClientHttpConnectorBuilder<?>> connectorBuilder,
				ObjectProvider<HttpClientSettings> settings) {
			// One proxied connector for all builders, like the proxied request factory.
			Supplier<ClientHttpConnector> proxied = SingletonSupplier.of(() -> ClientHttpConnectorBuilder.jdk()
				.withProxySelector(routing.proxySelector())
				.build(routing.proxiedSettings(settings(settings))));
			return (builder) -> {
				if (routing.routesAny()) {
					ClientHttpConnector direct = connector.getIfAvailable(() -> connectorBuilder
						.getIfAvailable(ClientHttpConnectorBuilder::detect)
						.build(settings(settings)));
					builder.clientConnector(new ConnectivityClientHttpConnector(direct, proxied.get(), routing));
				}
			};
		}

	}

}
