package dev.btpboot.security.certificate;

import java.util.List;

import dev.btpboot.security.SecurityTestApplication;

import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.web.context.support.StandardServletEnvironment;

/** Whose forwarded client certificate counts, through embedded Tomcat. */
class ForwardedClientCertificateHttpTests extends AbstractForwardedClientCertificateHttpTests {

	@Override
	Class<?> application() {
		return SecurityTestApplication.class;
	}

	@Override
	ConfigurableEnvironment environment() {
		return new StandardServletEnvironment();
	}

	@Override
	List<String> stackProperties() {
		return List.of();
	}

}
