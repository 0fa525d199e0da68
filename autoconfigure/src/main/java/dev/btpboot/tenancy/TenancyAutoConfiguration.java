package dev.btpboot.tenancy;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

import dev.btpboot.binding.BindingsAutoConfiguration;
import dev.btpboot.binding.ConditionalOnServiceBinding;
import dev.btpboot.binding.SaasRegistryCredentials;
import dev.btpboot.binding.ServiceBinding;
import dev.btpboot.binding.ServiceBindingException;
import dev.btpboot.binding.ServiceBindings;
import dev.btpboot.destination.DestinationAutoConfiguration;
import dev.btpboot.destination.DestinationService;
import dev.btpboot.security.jwt.BtpJwtDecoder;
import dev.btpboot.token.TokenAutoConfiguration;
import dev.btpboot.token.TokenProperties;
import dev.btpboot.token.TokenProvider;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.util.ClassUtils;

/**
 * SaaS multitenancy. Always, with Spring Security: the {@link TenantRunner} ({@code runAs}). With a
 * {@code saas-registry} binding: the {@link SubscribedTenants} of the registry's subscriptions
 * API and the {@link SubscriptionCallbacks}, which call the {@link SubscriptionHook} beans; the
 * web stack's configuration serves them behind a filter chain of their own
 * ({@code tenancy.servlet}). Without {@code btp.tenancy.tenant-url} the application does not
 * start.
 */
@AutoConfiguration(after = { BindingsAutoConfiguration.class, TokenAutoConfiguration.class,
		DestinationAutoConfiguration.class },
		afterName = { "dev.btpboot.security.jwt.servlet.JwtSecurityAutoConfiguration",
				"dev.btpboot.security.jwt.reactive.ReactiveJwtSecurityAutoConfiguration" })
@ConditionalOnClass(SecurityContextHolder.class)
@EnableConfigurationProperties(TenancyProperties.class)
public final class TenancyAutoConfiguration {

	private static final String JWT_DECODER = "org.springframework.security.oauth2.jwt.JwtDecoder";

	@Bean
	@ConditionalOnMissingBean
	TenantRunner tenantRunner() {
		return new TenantRunner();
	}

	/** {@code runAs} for Reactor pipelines. */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "reactor.core.publisher.Mono")
	static class ReactiveTenantRunnerConfiguration {

		@Bean
		@ConditionalOnMissingBean
		ReactiveTenantRunner reactiveTenantRunner(TenantRunner tenantRunner) {
			return new ReactiveTenantRunner(tenantRunner);
		}

	}

	/** The SAP SaaS Provisioning service: its registry and callbacks. */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnServiceBinding(SaasRegistryCredentials.SERVICE)
	static class SaasProvisioningConfiguration {

		@Bean
		@ConditionalOnMissingBean
		SaasRegistryClient btpSaasRegistryClient(ServiceBindings bindings,
				@Qualifier("saasRegistryTokenProvider") TokenProvider saasRegistryTokenProvider,
				TokenProperties tokenProperties) {
			return new SaasRegistryClient(bindings.current(bindings.saasRegistry().orElseThrow()),
					saasRegistryTokenProvider, tokenProperties);
		}

		@Bean
		@ConditionalOnMissingBean
		SubscribedTenants btpSubscribedTenants(SaasRegistryClient registry, TenancyProperties properties) {
			return new RegistrySubscribedTenants(registry, properties.getSubscriptions().getTtl(), Clock.systemUTC());
		}

		/** Asynchronous callbacks run here; on shutdown, running ones may finish for a while. */
		@Bean(destroyMethod = "close")
		@ConditionalOnMissingBean(name = "btpSubscriptionExecutor")
		SimpleAsyncTaskExecutor btpSubscriptionExecutor() {
			SimpleAsyncTaskExecutor executor = new SimpleAsyncTaskExecutor("btp-subscription-");
			executor.setConcurrencyLimit(4);
			executor.setTaskTerminationTimeout(30_000);
			return executor;
		}

		@Bean
		@ConditionalOnMissingBean
		SubscriptionCallbacks btpSubscriptionCallbacks(ServiceBindings bindings, TenancyProperties properties,
				ObjectProvider<SubscriptionHook> hooks, TenantRunner tenantRunner, ObjectProvider<TokenProvider> tokens,
				ObjectProvider<DestinationService> destinations, ListableBeanFactory beans,
				ObjectProvider<SubscribedTenants> subscribedTenants, SaasRegistryClient registry,
				@Qualifier("btpSubscriptionExecutor") SimpleAsyncTaskExecutor btpSubscriptionExecutor) {
			SaasRegistryCredentials credentials = bindings.saasRegistry().orElseThrow();
			TenantUrlTemplate tenantUrl = TenantUrlTemplate.of(properties.getTenantUrl(), credentials.bindingName());
			SubscriptionLifecycle lifecycle = new SubscriptionLifecycle(hooks, tenantRunner,
					new TenantEviction(caches(tokens, destinations, beans)), () -> subscribedTenants
						.ifAvailable((tenants) -> {
							if (tenants instanceof RegistrySubscribedTenants registryTenants) {
								registryTenants.changed();
							}
						}));
			return new SubscriptionCallbacks(lifecycle, tenantUrl, registry, btpSubscriptionExecutor,
					dependencies(bindings, properties));
		}

		/** Every token provider, the destinations and the keys of tokens: what keeps entries per tenant. */
		private static List<Consumer<String>> caches(ObjectProvider<TokenProvider> tokens,
				ObjectProvider<DestinationService> destinations, ListableBeanFactory beans) {
			List<Consumer<String>> caches = new ArrayList<>();
			caches.add((tenant) -> tokens.orderedStream().forEach((provider) -> provider.evictTenant(tenant)));
			caches.add((tenant) -> destinations.ifAvailable((service) -> service.evictTenant(tenant)));
			if (ClassUtils.isPresent(JWT_DECODER, TenancyAutoConfiguration.class.getClassLoader())) {
				caches.add((tenant) -> JwtKeys.evict(beans, tenant));
			}
			return caches;
		}

		/** The reuse services of the dependencies callback: bound destination and connectivity, and the configured ones. */
		private static List<String> dependencies(ServiceBindings bindings, TenancyProperties properties) {
			Set<String> xsappnames = new LinkedHashSet<>();
			for (String service : List.of("destination", "connectivity")) {
				xsappname(bindings, service).ifPresent(xsappnames::add);
			}
			properties.getDependencies().stream().filter((name) -> !name.isBlank()).forEach(xsappnames::add);
			return List.copyOf(xsappnames);
		}

		private static Optional<String> xsappname(ServiceBindings bindings, String service) {
			try {
				return bindings.find(service)
					.map(ServiceBinding::credentials)
					.map((credentials) -> credentials.get("xsappname"))
					.map(Object::toString)
					.filter((name) -> !name.isBlank());
			}
			catch (ServiceBindingException ex) {
				// Several bindings and none chosen: reported where the service is used.
				return Optional.empty();
			}
		}

	}

	/** Touches the JWT classes only when they are present. */
	private static final class JwtKeys {

		static void evict(ListableBeanFactory beans, String tenant) {
			beans.getBeanProvider(BtpJwtDecoder.class).ifAvailable((decoder) -> decoder.evictTenant(tenant));
		}

	}

}
