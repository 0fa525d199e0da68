package dev.btpboot.binding;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Checks {@code VCAP_SERVICES} before anything else parses it. Boot's
 * {@code CloudFoundryVcapEnvironmentPostProcessor} (order {@code HIGHEST_PRECEDENCE + 5}) and
 * java-cfenv-boot's {@code CfEnvironmentPostProcessor} (order {@code HIGHEST_PRECEDENCE + 11})
 * report malformed JSON with messages that quote the input, client secrets included. A malformed
 * value stops the start here instead, with a {@link ServiceBindingException} that names the
 * position only.
 */
class VcapServicesEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

	/** Before Boot's and java-cfenv's VCAP processors. */
	static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 4;

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		String vcapServices = environment.getProperty(VcapServicesReader.VCAP_SERVICES);
		if (vcapServices != null && !vcapServices.isBlank()) {
			VcapServicesReader.fromVcapServices(vcapServices);
		}
	}

	@Override
	public int getOrder() {
		return ORDER;
	}

}
