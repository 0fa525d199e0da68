package dev.btpboot.binding;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.boot.actuate.info.InfoContributor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Reads the application's service bindings at start-up and exposes them as
 * {@link ServiceBindings}; takes rotated Kubernetes bindings into use while the application runs.
 */
@AutoConfiguration
@EnableConfigurationProperties(BindingsProperties.class)
public final class BindingsAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	ServiceBindings serviceBindings(Environment environment) {
		return ServiceBindingsLoader.load(environment);
	}

	@Bean
	@ConditionalOnMissingBean
	CertificateExpiryCheck btpCertificateExpiryCheck(BindingsProperties properties) {
		return new CertificateExpiryCheck(properties.getCertificateExpiryWarning(), Clock.systemUTC());
	}

	/** Runs while the context runs: {@code btp.bindings.refresh-interval=0} starts no thread. */
	@Bean
	@ConditionalOnMissingBean
	KubernetesBindingsWatcher btpKubernetesBindingsWatcher(ServiceBindings bindings, BindingsProperties properties,
			Environment environment, CertificateExpiryCheck expiry) {
		return new KubernetesBindingsWatcher(bindings, ServiceBindingsLoader.kubernetesRoot(properties, environment),
				properties.getRefreshInterval(), expiry, Clock.systemUTC());
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(HealthIndicator.class)
	static class BindingsHealthConfiguration {

		@Bean
		@ConditionalOnMissingBean(name = "btpBindingsHealthIndicator")
		@ConditionalOnEnabledHealthIndicator("btpBindings")
		HealthIndicator btpBindingsHealthIndicator(ServiceBindings bindings, CertificateExpiryCheck expiry) {
			return new BindingsHealthIndicator(bindings, expiry);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(InfoContributor.class)
	static class BindingsInfoConfiguration {

		/**
		 * {@code /actuator/info} lists each binding without a credential value, with the time its
		 * current version was taken into use; a binding of a known service that cannot be used says
		 * which field is at fault.
		 */
		@Bean
		@ConditionalOnMissingBean(name = "btpBindingsInfoContributor")
		InfoContributor btpBindingsInfoContributor(ServiceBindings bindings) {
			return (builder) -> {
				List<Map<String, Object>> entries = bindings.all().stream().map((binding) -> {
					Map<String, Object> entry = new LinkedHashMap<>();
					entry.put("service", binding.service());
					entry.put("name", binding.name());
					entry.put("plan", binding.plan());
					entry.put("source", binding.source());
					entry.put("credentialType", credentialType(binding));
					bindings.revision(binding).ifPresent((revision) -> entry.put("revision", revision.toString()));
					bindings.problem(binding).ifPresent((problem) -> {
						Map<String, Object> unusable = new LinkedHashMap<>();
						unusable.put("field", problem.getField());
						unusable.put("problem", problem.getMessage());
						entry.put("unusable", unusable);
					});
					return entry;
				}).toList();
				builder.withDetail("btpBindings", entries);
			};
		}

		private static String credentialType(ServiceBinding binding) {
			if (CredentialFields.isX509(binding.credentials())) {
				return "x509";
			}
			return binding.credentials().containsKey("clientsecret") ? "secret" : "other";
		}

	}

}
