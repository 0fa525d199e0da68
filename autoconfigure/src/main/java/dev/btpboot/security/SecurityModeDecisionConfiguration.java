package dev.btpboot.security;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import dev.btpboot.binding.IdentityCredentials;
import dev.btpboot.binding.ServiceBinding;
import dev.btpboot.binding.ServiceBindings;
import dev.btpboot.binding.XsuaaCredentials;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

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
		}
		else if (decision.mode() != null) {
			logger.info("Security mode " + decision.mode() + ": " + decision.reason());
		}
		return decision;
	}

	/** @return e.g. {@code xsuaa 'app-uaa'}: the service and the binding's name, never a credential */
	private static String named(ServiceBinding binding) {
		return binding.service() + " '" + binding.name() + "'";
	}

}
