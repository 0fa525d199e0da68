package dev.btpboot.security;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import dev.btpboot.binding.IdentityCredentials;
import dev.btpboot.binding.ServiceBinding;
import dev.btpboot.binding.ServiceBindings;
import dev.btpboot.binding.XsuaaCredentials;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * The {@link SecurityModeDecision} bean, shared by the servlet and the reactive filter chain: it
 * stops a start that must not happen and logs the bindings found and the mode with its reason.
 */
@Configuration(proxyBeanMethods = false)
public class SecurityModeDecisionConfiguration {

	private static final Log logger = LogFactory.getLog(SecurityModeDecision.class);

	/**
	 * Decides the mode from the bindings and the environment, or stops the start and says why;
	 * logs the bindings found and the mode with its reason.
	 */
	@Bean
	SecurityModeDecision btpSecurityModeDecision(Environment environment, ServiceBindings bindings) {
		List<ServiceBinding> users = Stream
			.concat(bindings.ofService(XsuaaCredentials.SERVICE).stream(),
					bindings.ofService(IdentityCredentials.SERVICE).stream())
			.toList();
		logger.info("Service bindings: " + (bindings.all().isEmpty() ? "none"
				: bindings.all()
					.stream()
					.map((binding) -> named(binding) + " from " + binding.source())
					.collect(Collectors.joining(", "))));
		SecurityModeDecision decision = SecurityModeDecision.decide(environment, !users.isEmpty()).requireStartable();
		if (decision.mode() == SecurityMode.JWT) {
			String bound = users.stream().map(SecurityModeDecisionConfiguration::named).collect(Collectors.joining(", "));
			logger.info("Security mode JWT: " + ((decision.reason() != null) ? decision.reason() + ", " : "") + bound);
			warnOfUnusedMockUsers(environment);
		}
		else if (decision.mode() != null) {
			logger.info("Security mode " + decision.mode() + ": " + decision.reason());
		}
		return decision;
	}

	/**
	 * Mock users configured in JWT mode, say by a development profile left on or by configuration
	 * copied from a local run, answer no request: one WARN says so rather than leave them ignored
	 * silently.
	 */
	private static void warnOfUnusedMockUsers(Environment environment) {
		Map<String, BtpSecurityProperties.User> configured = Binder.get(environment)
			.bindOrCreate(BtpSecurityProperties.PREFIX, BtpSecurityProperties.class)
			.getMock()
			.getUsers();
		if (!configured.isEmpty()) {
			logger.warn("btp.security.mock.users configures " + configured.size() + " mock user(s) "
					+ configured.keySet().stream().sorted().toList() + ", but the security mode is JWT: they answer no "
					+ "request. Is a development profile active" + activeProfiles(environment)
					+ "? Move mock users to a profile that is not active here, or remove them.");
		}
	}

	private static String activeProfiles(Environment environment) {
		String[] active = environment.getActiveProfiles();
		return (active.length == 0) ? "" : " (active: " + String.join(", ", active) + ")";
	}

	/** @return e.g. {@code xsuaa 'app-uaa'}: the service and the binding's name, never a credential */
	private static String named(ServiceBinding binding) {
		return binding.service() + " '" + binding.name() + "'";
	}

}
