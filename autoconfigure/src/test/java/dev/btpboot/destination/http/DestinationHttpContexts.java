package dev.btpboot.destination.http;

import dev.btpboot.binding.BindingsAutoConfiguration;
import dev.btpboot.destination.DestinationAutoConfiguration;
import dev.btpboot.testing.FakeConnectivityTokens;
import dev.btpboot.token.TokenAutoConfiguration;
import dev.btpboot.token.TokenProvider;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.http.client.autoconfigure.HttpClientAutoConfiguration;
import org.springframework.boot.http.client.autoconfigure.imperative.ImperativeHttpClientAutoConfiguration;
import org.springframework.boot.http.client.autoconfigure.reactive.ReactiveHttpClientAutoConfiguration;
import org.springframework.boot.http.converter.autoconfigure.HttpMessageConvertersAutoConfiguration;
import org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;

/** Applications with destination clients and a destination binding only, for tests. */
final class DestinationHttpContexts {

	private DestinationHttpContexts() {
	}

	/**
	 * @param serviceUri the Destination service's {@code uri}
	 * @return a runner of an application with {@code RestClient}s and {@code WebClient}s of
	 * destinations, bound to that Destination service (binding {@code dest}), whose binding tokens
	 * come from {@link FakeConnectivityTokens}
	 */
	static ApplicationContextRunner withDestinationService(String serviceUri) {
		return new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(BindingsAutoConfiguration.class, TokenAutoConfiguration.class,
					DestinationAutoConfiguration.class, DestinationHttpAutoConfiguration.class,
					HttpClientAutoConfiguration.class, ImperativeHttpClientAutoConfiguration.class,
					HttpMessageConvertersAutoConfiguration.class, RestClientAutoConfiguration.class,
					ReactiveHttpClientAutoConfiguration.class, WebClientAutoConfiguration.class))
			.withBean("destinationTokenProvider", TokenProvider.class, FakeConnectivityTokens::new)
			.withPropertyValues("btp.bindings.kubernetes-root=/nonexistent", "VCAP_SERVICES={\"destination\": [{\"name\": "
					+ "\"dest\", \"label\": \"destination\", \"credentials\": {\"clientid\": \"sb-dest\", \"clientsecret\": "
					+ "\"s\", \"url\": \"http://127.0.0.1:1\", \"uri\": \"" + serviceUri + "\"}}]}");
	}

}
