package dev.btpboot.binding;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.util.ClassUtils;

/**
 * Checks {@code VCAP_SERVICES} before anything else parses it. Boot's
 * {@code CloudFoundryVcapEnvironmentPostProcessor} (order {@code HIGHEST_PRECEDENCE + 5}) and
 * java-cfenv-boot's {@code CfEnvironmentPostProcessor} (order {@code HIGHEST_PRECEDENCE + 11})
 * report malformed JSON with messages that quote the input, client secrets included. A malformed
 * value stops the start here instead, with a {@link ServiceBindingException} that names the
 * position only. The bindings read here are the ones {@link ServiceBindings} holds later: the
 * variable is parsed once.
 */
class VcapServicesEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

	/** Before Boot's and java-cfenv's VCAP processors. */
	static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 4;

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		ServiceBindingsLoader.vcapServices(environment);
		String vcapServices = environment.getProperty(VcapServicesReader.VCAP_SERVICES);
		if (vcapServices != null && !vcapServices.isBlank()
				&& ClassUtils.isPresent(JavaCfEnvParserCheck.JAVA_CFENV_BOOT, application.getClassLoader())) {
			JavaCfEnvParserCheck.check(vcapServices);
		}
	}

	@Override
	public int getOrder() {
		return ORDER;
	}

}
